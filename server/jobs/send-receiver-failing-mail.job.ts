import type { Deps } from '../context.js';
import type { WebhookDeliveriesTable } from '../db/schema.js';
import { frontendUrl, simpleMail } from '../mail/templates.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { agentBotRepository } from '../repositories/agent-bot.repository.js';
import { channelApiRepository } from '../repositories/channel-api.repository.js';
import { inboxRepository } from '../repositories/inbox.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem). */
export const SEND_RECEIVER_FAILING_MAIL = 'send-receiver-failing-mail';

/** Payload: the failing receiver (an API inbox by inbox id, or an agent bot) and the account whose deliveries failed. */
export interface ReceiverFailingMailPayload {
  accountId: number;
  targetType: WebhookDeliveriesTable['target_type'];
  targetId: number;
}

/** "24 hours", "90 minutes": how long the streak lasted before this mail. */
function spanText(ms: number): string {
  return ms >= 3_600_000 ? `${Math.round(ms / 3_600_000)} hours` : `${Math.max(1, Math.round(ms / 60_000))} minutes`;
}

/** What the mail names: the receiver, its URL, where its delivery log is, and what happens meanwhile. */
async function describeReceiver(deps: Deps, payload: ReceiverFailingMailPayload) {
  const db = deps.db.kysely;
  if (payload.targetType === 'AgentBot') {
    const bot = await agentBotRepository.findById(db, payload.targetId);
    return bot?.outgoing_url && bot.failing_since !== null ? {
      subject: `Agent bot failing: ${bot.outgoing_url}`,
      what: `the agent bot "${bot.name}" at ${bot.outgoing_url}`,
      meanwhile: 'Meanwhile each conversation whose bot cannot be reached is handed to your agents (unless the account keeps them pending).',
      log: `/api/v1/accounts/${payload.accountId}/agent_bots/${bot.id}/deliveries`,
      settings: `accounts/${payload.accountId}/settings/agent-bots`,
    } : null;
  }
  const inbox = await inboxRepository.findById(db, payload.accountId, payload.targetId);
  const channel = inbox?.channel_type === 'Channel::Api' ? await channelApiRepository.findById(db, payload.accountId, inbox.channel_id) : undefined;
  return inbox && channel?.webhook_url && channel.failing_since !== null ? {
    subject: `API inbox callback failing: ${channel.webhook_url}`,
    what: `the callback URL of the API inbox "${inbox.name}" (${channel.webhook_url})`,
    meanwhile: 'Meanwhile every new event is still tried, and messages whose callback fails are marked failed.',
    log: `/api/v1/accounts/${payload.accountId}/inboxes/${inbox.id}/deliveries`,
    settings: `accounts/${payload.accountId}/settings/inboxes/${inbox.id}`,
  } : null;
}

/**
 * Tells the account's administrators that every delivery to an API inbox's callback or to
 * an agent bot has failed for WEBHOOK_DISABLE_AFTER_SECONDS: one mail each, once per
 * failure streak. Skipped when the receiver is gone or has answered again meanwhile.
 */
export function sendReceiverFailingMailHandler(deps: Deps): JobHandler {
  return async (raw) => {
    const payload = raw as unknown as ReceiverFailingMailPayload;
    const receiver = await describeReceiver(deps, payload);
    if (!receiver) {
      return;
    }
    for (const email of await accountUserRepository.administratorEmails(deps.db.kysely, payload.accountId)) {
      await deps.mailer.sendMail(simpleMail(email, receiver.subject, [
        `Every delivery to ${receiver.what} has failed for ${spanText(deps.env.webhookDisableAfterMs)}.`,
        receiver.meanwhile,
        `The delivery log (GET ${receiver.log}) shows each attempt's answer and error; once the receiver works again, redeliver what it missed from there.`,
      ], [['Settings', frontendUrl(deps.env, receiver.settings)]]));
    }
  };
}
