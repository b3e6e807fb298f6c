import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../context.js';
import type { AccountUserRow, AgentBotRow, CustomRoleRow, InboxRow, UserRow } from '../db/schema.js';
import { contactAbilities, mayUseInbox } from './contact.policy.js';
import { labelAbilities } from './label.policy.js';

const member = (role: number): Actor => ({ type: 'User', id: 7, user: {} as UserRow, membership: { role } as AccountUserRow });
const ADMIN = member(1);
const AGENT = member(0);
const CONTACT_MANAGER: Actor = {
  type: 'User', id: 8, user: {} as UserRow, membership: { role: 0, custom_role_id: 4 } as AccountUserRow,
  customRole: { id: 4, permissions: ['contact_manage'] } as CustomRoleRow,
};
const BOT: Actor = { type: 'AgentBot', id: 3, bot: {} as AgentBotRow };
const inbox = { id: 11 } as InboxRow;

describe('contact and label policies', () => {
  it('lets every member use contacts and only administrators delete, import and export them', () => {
    const table: Array<[string, Actor, Record<string, boolean>]> = [
      ['administrator', ADMIN, { index: true, search: true, show: true, create: true, update: true, delete: true, import: true, export: true }],
      ['agent', AGENT, { index: true, search: true, show: true, create: true, update: true, delete: false, import: false, export: false }],
      ['custom role with contact_manage', CONTACT_MANAGER, { index: true, search: true, show: true, create: true, update: true, delete: false, import: true, export: true }],
      ['agent bot', BOT, { index: false, search: false, show: false, create: false, update: false, delete: false, import: false, export: false }],
    ];
    for (const [who, actor, expected] of table) {
      assert.deepEqual(contactAbilities(actor), expected, who);
    }
  });

  it('lets administrators use every inbox and agents their member inboxes', () => {
    assert.equal(mayUseInbox(ADMIN, inbox, new Set()), true);
    assert.equal(mayUseInbox(AGENT, inbox, new Set([11])), true);
    assert.equal(mayUseInbox(AGENT, inbox, new Set([12])), false);
    assert.equal(mayUseInbox(BOT, inbox, new Set([11])), false);
  });

  it('lists labels for every member and leaves show and writes to administrators', () => {
    assert.deepEqual(labelAbilities(ADMIN), { index: true, show: true, create: true, update: true, destroy: true });
    assert.deepEqual(labelAbilities(AGENT), { index: true, show: false, create: false, update: false, destroy: false });
    assert.deepEqual(labelAbilities(BOT), { index: false, show: false, create: false, update: false, destroy: false });
  });
});
