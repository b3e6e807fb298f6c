import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ChannelApiRow, InboxRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { invalid } from '../../lib/errors.js';
import { randomToken } from '../../lib/tokens.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { apiChannelColumns, inboxColumns, type ApiChannelAttributes, type InboxAttributes } from './inbox-attributes.js';

/** Channel types POST /inboxes knows; only `api` is built so far. */
const BUILT_CHANNEL_TYPES = ['api'];

export interface CreateInboxInput extends InboxAttributes {
  /** The inbox's display name; required. */
  name: string;
  /** The channel to create with the inbox: `type` plus that channel's attributes. */
  channel: ApiChannelAttributes & { type: string };
}

/**
 * Creates an inbox with its channel (an API channel: random inbox identifier,
 * HMAC token and webhook secret) and records `inbox.created`.
 */
export async function createInbox(ctx: Ctx, input: CreateInboxInput): Promise<{ inbox: InboxRow; channel: ChannelApiRow }> {
  if (!BUILT_CHANNEL_TYPES.includes(input.channel.type)) {
    throw invalid('channel.type', 'is not supported');
  }
  const inboxValues = inboxColumns(input);
  const channelValues = apiChannelColumns(input.channel);
  const channel = await channelApiRepository.insert(ctx.db, {
    account_id: ctx.accountId,
    webhook_url: channelValues.webhook_url ?? null,
    identifier: randomToken(18),
    hmac_token: randomToken(18),
    hmac_mandatory: channelValues.hmac_mandatory ?? false,
    additional_attributes: channelValues.additional_attributes ?? {},
    secret: randomToken(18),
  });
  const inbox = await inboxRepository.insert(ctx.db, {
    account_id: ctx.accountId,
    channel_id: channel.id,
    channel_type: 'Channel::Api',
    name: input.name,
    enable_auto_assignment: true,
    greeting_enabled: false,
    greeting_message: null,
    email_address: null,
    working_hours_enabled: false,
    out_of_office_message: null,
    timezone: 'UTC',
    enable_email_collect: true,
    csat_survey_enabled: false,
    allow_messages_after_resolved: true,
    auto_assignment_config: {},
    lock_to_single_conversation: false,
    portal_id: null,
    sender_name_type: 0,
    business_name: null,
    csat_config: {},
    avatar_url: null,
    ...inboxValues,
  });
  await recordEvent(ctx.db, { name: 'inbox.created', accountId: ctx.accountId, actor: eventActor(ctx.actor), inboxId: inbox.id });
  return { inbox, channel };
}
