import { Type, type Static } from '@sinclair/typebox';
import { BOT_TYPES, enumName } from '../../common/enums.js';
import type { AgentBotRow } from '../db/schema.js';

/** An agent bot as message sender or assignee in push payloads (AgentBot#push_event_data). */
export const AgentBotPushJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  avatar_url: Type.String(),
  type: Type.Literal('agent_bot'),
});

/** Push shape of a bot; its avatar falls back to the inbox's. */
export function presentAgentBotPush(row: AgentBotRow, inboxAvatarUrl: string | null = null): Static<typeof AgentBotPushJson> {
  return { id: row.id, name: row.name, avatar_url: row.avatar_url ?? inboxAvatarUrl ?? '', type: 'agent_bot' };
}

/** A bot as conversation assignee and assignment result (`models/_agent_bot_slim.json.jbuilder`). */
export const AgentBotSlimJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  thumbnail: Type.String(),
  outgoing_url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  bot_type: Type.String(),
});

/** Slim shape of a bot; system (global) bots hide their outgoing_url. */
export function presentAgentBotSlim(row: AgentBotRow): Static<typeof AgentBotSlimJson> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    thumbnail: row.avatar_url ?? '',
    ...(row.account_id === null ? {} : { outgoing_url: row.outgoing_url }),
    bot_type: enumName(BOT_TYPES, row.bot_type) ?? 'webhook',
  };
}
