import { Type, type Static } from '@sinclair/typebox';
import type { InboxRow } from '../db/schema.js';

/** Display names of channel types (Chatwoot's `inbox.channel.name`). */
export const CHANNEL_NAMES: Record<string, string> = {
  'Channel::Api': 'API',
  'Channel::WebWidget': 'Website',
  'Channel::Email': 'Email',
  'Channel::Sms': 'Sms',
  'Channel::TwilioSms': 'Twilio SMS',
  'Channel::Whatsapp': 'Whatsapp',
  'Channel::Telegram': 'Telegram',
  'Channel::Line': 'LINE',
};

/** The inbox inside a contact inbox (`{id, avatar_url, channel_id, name, channel_type, provider}`). */
export const InboxSlimJson = Type.Object({
  id: Type.Integer(),
  avatar_url: Type.String(),
  channel_id: Type.Integer(),
  name: Type.String(),
  channel_type: Type.String(),
  provider: Type.Union([Type.String(), Type.Null()]),
});

/** Slim inbox shape. */
export function presentInboxSlim(row: InboxRow): Static<typeof InboxSlimJson> {
  return {
    id: row.id,
    avatar_url: row.avatar_url ?? '',
    channel_id: row.channel_id,
    name: row.name,
    channel_type: row.channel_type,
    provider: null,
  };
}
