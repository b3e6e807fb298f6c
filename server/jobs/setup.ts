import type { Logger } from 'pino';
import { agentBotConsumer } from '../consumers/agent-bots.js';
import { webhookAlertConsumer } from '../consumers/webhook-alerts.js';
import { autoAssignmentConsumer } from '../consumers/auto-assignment.js';
import { notificationConsumer } from '../consumers/notifications.js';
import { webhookConsumer } from '../consumers/webhooks.js';
import type { Deps } from '../context.js';
import type { Db } from '../db/connect.js';
import type { Env } from '../env.js';
import { SEND_NOTIFICATION_EMAIL, sendNotificationEmailHandler } from './send-notification-email.job.js';
import { ASSIGN_WAITING_CONVERSATIONS, assignWaitingConversationsHandler } from './assign-waiting-conversations.job.js';
import { DELIVER_WEBHOOK, deliverWebhookHandler } from './deliver-webhook.job.js';
import { PRUNE_DEAD_JOBS, PRUNE_DEAD_JOBS_EVERY_MS, pruneDeadJobsHandler } from './prune-dead-jobs.job.js';
import { RESUME_WEBHOOK_DELIVERIES, RESUME_WEBHOOK_DELIVERIES_EVERY_MS, resumeWebhookDeliveriesHandler } from './resume-webhook-deliveries.job.js';
import { PRUNE_WEBHOOK_DELIVERIES, PRUNE_WEBHOOK_DELIVERIES_EVERY_MS, pruneWebhookDeliveriesHandler } from './prune-webhook-deliveries.job.js';
import { REOPEN_SNOOZED_CONVERSATIONS, REOPEN_SNOOZED_EVERY_MS, reopenSnoozedConversationsHandler } from './reopen-snoozed-conversations.job.js';
import { REMOVE_STALE_CONTACTS, REMOVE_STALE_CONTACTS_EVERY_MS, removeStaleContactsHandler } from './remove-stale-contacts.job.js';
import { IMPORT_CONTACTS, importContactsHandler } from './import-contacts.job.js';
import { SEND_RECEIVER_FAILING_MAIL, sendReceiverFailingMailHandler } from './send-receiver-failing-mail.job.js';
import { BULK_UPDATE_CONVERSATIONS, bulkUpdateConversationsHandler } from './bulk-update-conversations.job.js';
import { SEND_WEBHOOK_DISABLED_MAIL, sendWebhookDisabledMailHandler } from './send-webhook-disabled-mail.job.js';
import { agentRemovalConsumer, REMOVE_AGENT_FROM_ACCOUNT, removeAgentFromAccountHandler } from './remove-agent-from-account.job.js';
import { SEND_ACCOUNT_MAIL, sendAccountMailHandler } from './send-account-mail.job.js';
import { SEND_CONVERSATION_TRANSCRIPT, sendConversationTranscriptHandler } from './send-conversation-transcript.job.js';
import { DEFAULT_JOBS_CONFIG, type Jobs, type JobsConfig } from './jobs.js';
import { SqlQueue } from './sql-queue.js';

/** The job engine for this process: BullMQ when REDIS_URL is set (loaded only then), else the SQL table queue. */
export async function createJobs(env: Env, db: Db, log: Logger, config: JobsConfig = DEFAULT_JOBS_CONFIG): Promise<Jobs> {
  if (env.redisUrl) {
    const { BullmqJobs, DEFAULT_QUEUE_NAME } = await import('./bullmq.js');
    return new BullmqJobs(env.redisUrl, log, config, DEFAULT_QUEUE_NAME, env.redisPrefix);
  }
  return new SqlQueue(db, log, config);
}

/** Registers the job handlers and the outbox consumers (webhooks, API callbacks, agent bots, auto-assignment). */
export function registerBackgroundWork(deps: Deps): void {
  deps.jobs.register(DELIVER_WEBHOOK, deliverWebhookHandler(deps));
  deps.jobs.register(REOPEN_SNOOZED_CONVERSATIONS, reopenSnoozedConversationsHandler(deps));
  deps.jobs.register(PRUNE_WEBHOOK_DELIVERIES, pruneWebhookDeliveriesHandler(deps));
  deps.jobs.register(PRUNE_DEAD_JOBS, pruneDeadJobsHandler(deps));
  deps.jobs.register(RESUME_WEBHOOK_DELIVERIES, resumeWebhookDeliveriesHandler(deps));
  deps.jobs.register(IMPORT_CONTACTS, importContactsHandler(deps));
  deps.jobs.register(BULK_UPDATE_CONVERSATIONS, bulkUpdateConversationsHandler(deps));
  deps.jobs.register(REMOVE_STALE_CONTACTS, removeStaleContactsHandler(deps));
  deps.jobs.register(SEND_ACCOUNT_MAIL, sendAccountMailHandler(deps));
  deps.jobs.register(SEND_CONVERSATION_TRANSCRIPT, sendConversationTranscriptHandler(deps));
  deps.jobs.register(REMOVE_AGENT_FROM_ACCOUNT, removeAgentFromAccountHandler(deps));
  deps.dispatcher.register(webhookConsumer(deps));
  deps.dispatcher.register(agentBotConsumer(deps));
  deps.jobs.register(SEND_WEBHOOK_DISABLED_MAIL, sendWebhookDisabledMailHandler(deps));
  deps.jobs.register(SEND_RECEIVER_FAILING_MAIL, sendReceiverFailingMailHandler(deps));
  deps.dispatcher.register(webhookAlertConsumer(deps));
  deps.jobs.register(ASSIGN_WAITING_CONVERSATIONS, assignWaitingConversationsHandler(deps));
  deps.dispatcher.register(autoAssignmentConsumer(deps));
  deps.jobs.register(SEND_NOTIFICATION_EMAIL, sendNotificationEmailHandler(deps));
  deps.dispatcher.register(notificationConsumer(deps));
  deps.dispatcher.register(agentRemovalConsumer(deps));
}

/** Schedules the recurring jobs (serve only; tests run their handlers directly). */
export async function startRecurringJobs(jobs: Jobs): Promise<void> {
  await jobs.every(REOPEN_SNOOZED_CONVERSATIONS, REOPEN_SNOOZED_EVERY_MS);
  await jobs.every(PRUNE_WEBHOOK_DELIVERIES, PRUNE_WEBHOOK_DELIVERIES_EVERY_MS);
  await jobs.every(REMOVE_STALE_CONTACTS, REMOVE_STALE_CONTACTS_EVERY_MS);
  await jobs.every(RESUME_WEBHOOK_DELIVERIES, RESUME_WEBHOOK_DELIVERIES_EVERY_MS);
  if (jobs.engine === 'sql') {
    await jobs.every(PRUNE_DEAD_JOBS, PRUNE_DEAD_JOBS_EVERY_MS);
  }
}
