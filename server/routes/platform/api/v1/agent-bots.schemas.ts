import { Type } from '@sinclair/typebox';
import { PlatformAgentBotJson } from '../../../../presenters/platform-agent-bot.presenter.js';

export const PlatformAgentBotParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const botAttributes = {
  description: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 10_000 })])),
  outgoing_url: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2048 })])),
  account_id: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 2_147_483_647 })])),
  avatar_url: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2048 })])),
};

export const CreatePlatformAgentBotBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), ...botAttributes });
export const UpdatePlatformAgentBotBody = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), ...botAttributes });

export const PlatformAgentBotResponse = { 200: PlatformAgentBotJson };
export const PlatformAgentBotListResponse = { 200: Type.Array(PlatformAgentBotJson) };
export const PlatformAgentBotDeleteResponse = { 200: Type.Null() };
