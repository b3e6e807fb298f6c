import { Type, type Static } from '@sinclair/typebox';
import type { AgentBotRow } from '../db/schema.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** An agent bot as the Platform API renders one (`platform/api/v1/models/_agent_bot.json.jbuilder`). */
export const PlatformAgentBotJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: NullableString,
  outgoing_url: NullableString,
  account_id: Type.Union([Type.Integer(), Type.Null()]),
  access_token: Type.String(),
});

/** Platform agent bot shape, with the bot's API access token. */
export function presentPlatformAgentBot(row: AgentBotRow, accessToken: string): Static<typeof PlatformAgentBotJson> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    outgoing_url: row.outgoing_url,
    account_id: row.account_id,
    access_token: accessToken,
  };
}
