import type { ChannelApiRow } from '../db/schema.js';
import type { InboxView } from './inbox.presenter.js';

/** The channel-specific keys of an API inbox. */
export function apiChannelKeys(channel: ChannelApiRow, showSecrets: boolean): Partial<InboxView> {
  return {
    hmac_mandatory: channel.hmac_mandatory,
    ...(showSecrets ? { hmac_token: channel.hmac_token, secret: channel.secret } : {}),
    webhook_url: channel.webhook_url, inbox_identifier: channel.identifier, additional_attributes: channel.additional_attributes,
  };
}
