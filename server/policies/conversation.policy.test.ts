import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../context.js';
import type { AccountUserRow, AgentBotRow, ConversationRow, UserRow } from '../db/schema.js';
import { conversationAbilities } from './conversation.policy.js';

const user = (role: number): Actor => ({ type: 'User', id: 7, user: {} as UserRow, membership: { role } as AccountUserRow });
const bot: Actor = { type: 'AgentBot', id: 3, bot: {} as AgentBotRow };
const conversation = {} as ConversationRow;

describe('conversationAbilities', () => {
  const table: Array<[string, Actor, { inboxMember: boolean; teamMember: boolean }, { read: boolean; destroy: boolean }]> = [
    ['administrator', user(1), { inboxMember: false, teamMember: false }, { read: true, destroy: true }],
    ['agent in the inbox', user(0), { inboxMember: true, teamMember: false }, { read: true, destroy: false }],
    ['agent in the team', user(0), { inboxMember: false, teamMember: true }, { read: true, destroy: false }],
    ['agent elsewhere', user(0), { inboxMember: false, teamMember: false }, { read: false, destroy: false }],
    ['agent bot', bot, { inboxMember: false, teamMember: false }, { read: true, destroy: false }],
    ['platform app', { type: 'PlatformApp', id: 1, app: {} as never }, { inboxMember: true, teamMember: true }, { read: false, destroy: false }],
  ];
  for (const [who, actor, access, expected] of table) {
    it(who, () => {
      const abilities = conversationAbilities(actor, conversation, access);
      assert.equal(abilities.read, expected.read);
      assert.equal(abilities.update, expected.read);
      assert.equal(abilities.assign, expected.read);
      assert.equal(abilities.destroy, expected.destroy);
    });
  }
});
