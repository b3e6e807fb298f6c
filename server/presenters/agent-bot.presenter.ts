import { Type, type Static } from '@sinclair/typebox';
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
