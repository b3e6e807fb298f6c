import { Type } from '@sinclair/typebox';
import { AgentBotJson } from '../../../../../presenters/agent-bot.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const InboxParams = Type.Object({ account_id: Id, id: Id });
/** `agent_bot`: the bot's id (a number or a numeric string), or null/absent to detach. */
export const SetAgentBotBody = Type.Object({
  agent_bot: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 })),
});
export const InboxAgentBotResponse = { 200: Type.Object({ agent_bot: Type.Union([AgentBotJson, Type.Object({})]) }) };
export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };
