import { Type, type Static } from '@sinclair/typebox';
import { BOT_TYPES, enumName } from '../../common/enums.js';
import type { AgentBotRow } from '../db/schema.js';
import { inWireOrder } from './wire-order.js';

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

/** A bot on the Application API (`api/v1/models/_agent_bot.json.jbuilder` through AgentBotPresenter). */
export const AgentBotJson = inWireOrder(Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  thumbnail: Type.String(),
  outgoing_url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  bot_type: Type.String(),
  bot_config: Type.Object({}, { additionalProperties: true }),
  account_id: Type.Union([Type.Integer(), Type.Null()]),
  access_token: Type.Optional(Type.String()),
  secret: Type.Optional(Type.String()),
  system_bot: Type.Boolean(),
}));

/** Full bot shape: the access token only for the account's own bots, the secret only for its administrators. */
export function presentAgentBot(row: AgentBotRow, options: { accessToken: string | null; showSecret: boolean }): Static<typeof AgentBotJson> {
  const system = row.account_id === null;
  return {
    ...presentAgentBotSlim(row),
    bot_config: row.bot_config,
    account_id: row.account_id,
    ...(options.accessToken ? { access_token: options.accessToken } : {}),
    ...(options.showSecret && !system ? { secret: row.secret } : {}),
    system_bot: system,
  };
}
