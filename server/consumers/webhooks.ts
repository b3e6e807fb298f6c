import type { Executor } from '../db/dialect.js';
import type { InboxRow } from '../db/schema.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { Consumer } from '../events/dispatcher.js';
import type { DeliveryDeps } from '../jobs/deliver-webhook.job.js';
import { WEBHOOK_STATUS } from '../operations/webhooks/webhook-status.js';
import { channelApiRepository } from '../repositories/channel-api.repository.js';
import { inboxRepository } from '../repositories/inbox.repository.js';
import { webhookRepository } from '../repositories/webhook.repository.js';
import {
  contactPayload, conversationPayload, inboxPayload, loadConversationSubject, messagePayload, typingPayload,
  webwidgetTriggeredPayload,
} from '../webhooks/payloads.js';
import { deliveryRows, recordDeliveries, type DeliveryRow, type DeliveryTarget } from '../webhooks/queue-deliveries.js';

/** The account's webhooks subscribed to a webhook event name. */
type AccountTargets = (accountId: number, eventName: string) => Promise<DeliveryTarget[]>;
/** Where a handler's deliveries go: recorded at once, or gathered for the end of the batch. */
type RecordRows = (rows: DeliveryRow[]) => Promise<void>;
type Handler = (event: DomainEvent, accountTargets: AccountTargets, record: RecordRows) => Promise<void>;

/** The account's webhooks subscribed to the event; a disabled one's deliveries are recorded held. */
async function accountTargets(db: Executor, accountId: number, eventName: string): Promise<DeliveryTarget[]> {
  const webhooks = await webhookRepository.listSubscribed(db, accountId, eventName);
  return webhooks.map((w) => ({ type: 'Webhook', id: w.id, held: w.status === WEBHOOK_STATUS.disabled }));
}

/** accountTargets looked up once per account and event name (for one outbox batch). */
function batchTargets(db: Executor): AccountTargets {
  const known = new Map<string, Promise<DeliveryTarget[]>>();
  return (accountId, eventName) => {
    const key = `${accountId}|${eventName}`;
    let targets = known.get(key);
    if (!targets) {
      targets = accountTargets(db, accountId, eventName);
      known.set(key, targets);
      targets.catch(() => known.delete(key));
    }
    return targets;
  };
}

/** The API inbox's callback, when the inbox is an API channel with a webhook_url. */
async function apiInboxTargets(db: Executor, inbox: InboxRow): Promise<DeliveryTarget[]> {
  if (inbox.channel_type !== 'Channel::Api') {
    return [];
  }
  const channel = await channelApiRepository.findById(db, inbox.account_id, inbox.channel_id);
  return channel?.webhook_url ? [{ type: 'Channel::Api', id: inbox.id }] : [];
}

/**
 * Account webhooks and API-channel callbacks (Chatwoot's WebhookListener): maps outbox
 * events to Chatwoot's webhook payloads and queues one delivery per receiver. Account
 * webhooks get only subscribed events; an API inbox gets every event of its inbox;
 * contact and inbox events go to account webhooks only.
 */
export function webhookConsumer(deps: Pick<DeliveryDeps, 'db' | 'jobs' | 'env'>): Consumer {
  const db = deps.db.kysely;

  /** Receivers of an inbox event: subscribed account webhooks and the API inbox's callback. */
  const inboxTargets = async (event: DomainEvent, eventName: string, targetsOf: AccountTargets): Promise<DeliveryTarget[]> => {
    const inbox = event.accountId !== null && event.inboxId ? await inboxRepository.findById(db, event.accountId, event.inboxId) : undefined;
    return inbox ? [...await targetsOf(inbox.account_id, eventName), ...await apiInboxTargets(db, inbox)] : [];
  };

  /** Builds the payload only when someone receives it. */
  const inboxEvent = (eventName: string, build: (event: DomainEvent) => Promise<Record<string, unknown> | null>): Handler => async (event, targetsOf, record) => {
    const targets = await inboxTargets(event, eventName, targetsOf);
    const body = targets.length > 0 ? await build(event) : null;
    if (body) {
      await record(deliveryRows(event, eventName, body, targets));
    }
  };

  const conversation = (eventName: string, withChanges: boolean): Handler => inboxEvent(eventName, async (event) => {
    const subject = await loadConversationSubject(db, event);
    return subject ? conversationPayload(subject, eventName, event, withChanges) : null;
  });
  const message = (eventName: string): Handler => inboxEvent(eventName, async (event) =>
    (await messagePayload(db, deps.env, event, eventName))?.body ?? null);
  const typing = (eventName: string): Handler => inboxEvent(eventName, async (event) =>
    (await typingPayload(db, event, eventName))?.body ?? null);

  /** Contact and inbox events go to account webhooks only; updates without changes are skipped. */
  const accountOnly = (eventName: string, withChanges: boolean, build: typeof contactPayload): Handler => async (event, targetsOf, record) => {
    if (event.accountId === null || (withChanges && Object.keys(event.changes ?? {}).length === 0)) {
      return;
    }
    const targets = await targetsOf(event.accountId, eventName);
    const body = targets.length > 0 ? await build(db, event, eventName, withChanges) : null;
    if (body) {
      await record(deliveryRows(event, eventName, body, targets));
    }
  };

  const handlers: Partial<Record<EventName, Handler>> = {
    'conversation.created': conversation('conversation_created', false),
    'conversation.updated': conversation('conversation_updated', true),
    'conversation.status_changed': conversation('conversation_status_changed', true),
    'message.created': message('message_created'),
    'message.updated': message('message_updated'),
    'conversation.typing_on': typing('conversation_typing_on'),
    'conversation.typing_off': typing('conversation_typing_off'),
    'contact.created': accountOnly('contact_created', false, contactPayload),
    'contact.updated': accountOnly('contact_updated', true, contactPayload),
    'inbox.created': accountOnly('inbox_created', false, inboxPayload),
    'inbox.updated': accountOnly('inbox_updated', true, inboxPayload),
    'webwidget.triggered': inboxEvent('webwidget_triggered', (event) => webwidgetTriggeredPayload(db, event, 'webwidget_triggered')),
  };
  const eachTime: AccountTargets = (accountId, eventName) => accountTargets(db, accountId, eventName);
  const atOnce: RecordRows = (rows) => recordDeliveries(deps, rows);
  return {
    name: 'webhooks',
    events: Object.keys(handlers) as EventName[],
    handle: (event) => handlers[event.name]?.(event, eachTime, atOnce) ?? Promise.resolve(),
    // Within a batch the account's subscriptions are read once per event name, not once per event, and
    // the batch's deliveries are recorded together at its end (one INSERT, one commit), then sent.
    forBatch: async () => {
      const targetsOf = batchTargets(db);
      const gathered: DeliveryRow[] = [];
      const gather: RecordRows = async (rows) => {
        gathered.push(...rows);
      };
      return {
        handle: (event) => handlers[event.name]?.(event, targetsOf, gather) ?? Promise.resolve(),
        finish: () => recordDeliveries(deps, gathered),
      };
    },
  };
}
