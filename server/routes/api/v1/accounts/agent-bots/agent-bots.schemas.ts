import { Type } from '@sinclair/typebox';
import { AgentBotJson } from '../../../../../presenters/agent-bot.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const NullableString = (maxLength: number) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength }));

export const AccountParams = Type.Object({ account_id: Id });
export const AgentBotParams = Type.Object({ account_id: Id, id: Id });

/** `name, description, outgoing_url, avatar_url, bot_type, bot_config{}` (flat, as Chatwoot permits them). */
export const AgentBotBody = Type.Object({
  name: NullableString(255),
  description: NullableString(20_000),
  outgoing_url: NullableString(2048),
  avatar_url: NullableString(2048),
  bot_type: Type.Optional(Type.Union([Type.Literal('webhook'), Type.Literal(0)])),
  bot_config: Type.Optional(Type.Object({}, { additionalProperties: true })),
});

export const AgentBotListResponse = { 200: Type.Array(AgentBotJson) };
export const AgentBotResponse = { 200: AgentBotJson };
export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };
