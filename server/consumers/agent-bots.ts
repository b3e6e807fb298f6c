import type { Executor } from '../db/dialect.js';
import type { ConversationRow } from '../db/schema.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { Consumer } from '../events/dispatcher.js';
import type { DeliveryDeps } from '../jobs/deliver-webhook.job.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import { conversationPayload, loadConversationSubject, messagePayload, webwidgetTriggeredPayload } from '../webhooks/payloads.js';
import { queueDeliveries, type DeliveryTarget } from '../webhooks/queue-deliveries.js';

type Handler = (event: DomainEvent) => Promise<void>;
const ACTIVE = 0;

/**
 * The bots that hear about a conversation: the bot assigned to it and the inbox's active
 * bot, once each, when they have an outgoing_url (AgentBotListener#agent_bots_for).
 */
async function botTargets(db: Executor, conversation: ConversationRow): Promise<DeliveryTarget[]> {
  const link = await db.selectFrom('agent_bot_inboxes').select('agent_bot_id')
    .where('account_id', '=', conversation.account_id).where('inbox_id', '=', conversation.inbox_id)
    .where('status', '=', ACTIVE).executeTakeFirst();
  const ids = [...new Set([conversation.assignee_agent_bot_id, link?.agent_bot_id ?? null].filter((id): id is number => id !== null))];
  if (ids.length === 0) {
    return [];
  }
  const bots = await db.selectFrom('agent_bots').select(['id', 'outgoing_url']).where('id', 'in', ids).execute();
  return ids.filter((id) => bots.some((b) => b.id === id && b.outgoing_url)).map((id) => ({ type: 'AgentBot', id }));
}

/**
 * Agent bots (Chatwoot's AgentBotListener): the conversation's bots receive message
 * events (incoming, outgoing and template, their own messages included), opened and
 * resolved, status changes and updates, signed with each bot's secret; the inbox's bot
 * also hears webwidget_triggered.
 */
export function agentBotConsumer(deps: Pick<DeliveryDeps, 'db' | 'jobs' | 'env'>): Consumer {
  const db = deps.db.kysely;

  /** The bots of the event's conversation, found before any payload is built. */
  const targetsOf = async (event: DomainEvent): Promise<DeliveryTarget[]> => {
    const row = event.accountId !== null && event.conversationId
      ? await conversationRepository.findById(db, event.accountId, event.conversationId) : undefined;
    return row ? botTargets(db, row) : [];
  };

  const conversation = (eventName: string, withChanges: boolean): Handler => async (event) => {
    const targets = await targetsOf(event);
    const subject = targets.length > 0 ? await loadConversationSubject(db, event) : null;
    if (subject) {
      await queueDeliveries(deps, event, eventName, conversationPayload(subject, eventName, event, withChanges), targets);
    }
  };

  const message = (eventName: string): Handler => async (event) => {
    const targets = await targetsOf(event);
    const built = targets.length > 0 ? await messagePayload(db, deps.env, event, eventName) : null;
    if (built) {
      await queueDeliveries(deps, event, eventName, built.body, targets);
    }
  };

  /** The inbox's active bot hears a visitor opening the widget (no conversation needed). */
  const widgetTriggered: Handler = async (event) => {
    const link = event.accountId !== null && event.inboxId ? await db.selectFrom('agent_bot_inboxes').innerJoin('agent_bots', 'agent_bots.id', 'agent_bot_inboxes.agent_bot_id')
      .select(['agent_bots.id', 'agent_bots.outgoing_url']).where('agent_bot_inboxes.account_id', '=', event.accountId)
      .where('agent_bot_inboxes.inbox_id', '=', event.inboxId).where('agent_bot_inboxes.status', '=', ACTIVE).executeTakeFirst() : undefined;
    const body = link?.outgoing_url ? await webwidgetTriggeredPayload(db, event, 'webwidget_triggered') : null;
    if (link && body) {
      await queueDeliveries(deps, event, 'webwidget_triggered', body, [{ type: 'AgentBot', id: link.id }]);
    }
  };

  const handlers: Partial<Record<EventName, Handler>> = {
    'webwidget.triggered': widgetTriggered,
    'conversation.opened': conversation('conversation_opened', false),
    'conversation.resolved': conversation('conversation_resolved', false),
    'conversation.status_changed': conversation('conversation_status_changed', true),
    'conversation.updated': conversation('conversation_updated', true),
    'message.created': message('message_created'),
    'message.updated': message('message_updated'),
  };
  return {
    name: 'agent-bots',
    events: Object.keys(handlers) as EventName[],
    handle: (event) => handlers[event.name]?.(event) ?? Promise.resolve(),
  };
}
