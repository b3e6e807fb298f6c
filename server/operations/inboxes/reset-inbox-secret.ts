import type { Ctx } from '../../context.js';
import type { ChannelApiRow } from '../../db/schema.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { rotatedSecrets } from '../../webhooks/secrets.js';

/**
 * Gives an API channel a new secret for signing its callbacks (Chatwoot's
 * `channel.reset_secret!`). Beyond Chatwoot, the old secret keeps signing for the
 * configured overlap window, in `X-Chatwoot-Signature-Previous`.
 */
export function resetInboxSecret(ctx: Ctx, channel: ChannelApiRow): Promise<ChannelApiRow> {
  return channelApiRepository.update(ctx.db, ctx.accountId, channel.id, rotatedSecrets(channel, ctx.env.webhookSecretOverlapMs));
}
