import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AccountRow, ContactRow, ConversationRow, InboxRow } from '../db/schema.js';
import { now } from '../lib/clock.js';
import { addInboxMember, buildAccount, buildAgent, buildContact, buildConversation, buildInbox, type BuiltUser } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import type { CustomRolePermission } from './permissions.js';

/**
 * The role × resource matrix: every built-in role and the custom-role variants against
 * every resource family, through the HTTP API. A cell either succeeds (2xx) or answers
 * Chatwoot's 401 `{"error":"You are not authorized to do this action"}`.
 */
const ROLES = ['administrator', 'agent', 'manage', 'unassigned', 'participating', 'contacts'] as const;
type Role = (typeof ROLES)[number];

/** The custom roles under test (the other two are the built-in ones). */
const CUSTOM: Record<Exclude<Role, 'administrator' | 'agent'>, CustomRolePermission[]> = {
  manage: ['conversation_manage'],
  unassigned: ['conversation_unassigned_manage'],
  participating: ['conversation_participating_manage'],
  contacts: ['contact_manage', 'report_manage'],
};

const EVERYONE: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['administrator'];
const UNAUTHORIZED = { error: 'You are not authorized to do this action' };

interface Fixture {
  account: AccountRow;
  /** Every non-administrator is a member of inbox A; nobody of inbox B. */
  inboxA: InboxRow;
  inboxB: InboxRow;
  contact: ContactRow;
  /** A team every non-administrator belongs to. */
  teamId: number;
  users: Record<Role, BuiltUser>;
  /** Another agent, to hold assignments. */
  other: BuiltUser;
}

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
}

interface Case {
  family: string;
  name: string;
  /** Builds the request for `role` (creating any row it needs, so writes never collide). */
  request: (f: Fixture, role: Role, user: BuiltUser) => Promise<Request> | Request;
  allowed: readonly Role[];
}

describe('role × resource matrix', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  let f!: Fixture;
  let seq = 0;
  const next = () => `${Date.now()}-${++seq}`;

  const conversation = (overrides: Partial<ConversationRow>, inbox = f.inboxA) =>
    buildConversation(db, { account: f.account, inbox, contact: f.contact, conversation: overrides });
  const base = () => `/api/v1/accounts/${f.account.id}`;

  before(async () => {
    const account = await buildAccount(db);
    const inboxA = (await buildInbox(db, { account })).inbox;
    const inboxB = (await buildInbox(db, { account })).inbox;
    const contact = await buildContact(db, { account });
    const team = await db.insertInto('teams').values({ account_id: account.id, name: `Team ${next()}`, description: null, allow_auto_assign: true, created_at: now(), updated_at: now() })
      .returningAll().executeTakeFirstOrThrow();
    const users = {} as Record<Role, BuiltUser>;
    for (const role of ROLES) {
      users[role] = await buildAgent(db, env, { account, role: role === 'administrator' ? 'administrator' : 'agent' });
      if (role !== 'administrator') {
        await addInboxMember(db, inboxA.id, users[role].user.id);
        await db.insertInto('team_members').values({ team_id: team.id, user_id: users[role].user.id, created_at: now(), updated_at: now() }).execute();
      }
      if (role in CUSTOM) {
        const custom = await db.insertInto('custom_roles').values({
          account_id: account.id, name: role, description: null, permissions: CUSTOM[role as keyof typeof CUSTOM], created_at: now(), updated_at: now(),
        }).returningAll().executeTakeFirstOrThrow();
        await db.updateTable('account_users').set({ custom_role_id: custom.id }).where('account_id', '=', account.id).where('user_id', '=', users[role].user.id).execute();
      }
    }
    const other = await buildAgent(db, env, { account });
    await addInboxMember(db, inboxA.id, other.user.id);
    f = { account, inboxA, inboxB, contact, teamId: team.id, users, other };
  });

  const conversationKinds: Array<{ kind: string; make: (user: BuiltUser) => Promise<ConversationRow>; allowed: readonly Role[] }> = [
    { kind: 'unassigned, in a member inbox', make: () => conversation({}), allowed: ['administrator', 'agent', 'manage', 'unassigned'] },
    { kind: 'assigned to me, in a member inbox', make: (u) => conversation({ assignee_id: u.user.id }), allowed: ['administrator', 'agent', 'manage', 'unassigned', 'participating'] },
    { kind: 'assigned to another agent', make: () => conversation({ assignee_id: f.other.user.id }), allowed: ['administrator', 'agent', 'manage'] },
    {
      kind: 'assigned to another agent, I participate',
      make: async (u) => {
        const c = await conversation({ assignee_id: f.other.user.id });
        await db.insertInto('conversation_participants').values({ account_id: f.account.id, conversation_id: c.id, user_id: u.user.id, created_at: now(), updated_at: now() }).execute();
        return c;
      },
      allowed: ['administrator', 'agent', 'manage', 'participating'],
    },
    { kind: 'in an inbox I am not a member of', make: () => conversation({}, f.inboxB), allowed: ADMIN },
    { kind: 'unassigned, of my team, outside my inboxes', make: () => conversation({ team_id: f.teamId }, f.inboxB), allowed: ['administrator', 'agent', 'manage', 'unassigned'] },
  ];

  const CASES: Case[] = [
    { family: 'account settings', name: 'show', request: () => ({ method: 'GET', url: base() }), allowed: EVERYONE },
    { family: 'account settings', name: 'update', request: () => ({ method: 'PATCH', url: base(), body: { name: `Renamed ${next()}` } }), allowed: ADMIN },

    { family: 'agents', name: 'list', request: () => ({ method: 'GET', url: `${base()}/agents` }), allowed: EVERYONE },
    { family: 'agents', name: 'invite', request: () => ({ method: 'POST', url: `${base()}/agents`, body: { email: `m-${next()}@example.com` } }), allowed: ADMIN },
    { family: 'agents', name: 'update', request: () => ({ method: 'PATCH', url: `${base()}/agents/${f.other.user.id}`, body: { availability: 'busy' } }), allowed: ADMIN },
    {
      family: 'agents', name: 'delete',
      request: async () => ({ method: 'DELETE', url: `${base()}/agents/${(await buildAgent(db, env, { account: f.account })).user.id}` }),
      allowed: ADMIN,
    },

    { family: 'inboxes', name: 'list', request: () => ({ method: 'GET', url: `${base()}/inboxes` }), allowed: EVERYONE },
    { family: 'inboxes', name: 'show a member inbox', request: () => ({ method: 'GET', url: `${base()}/inboxes/${f.inboxA.id}` }), allowed: EVERYONE },
    { family: 'inboxes', name: 'show another inbox', request: () => ({ method: 'GET', url: `${base()}/inboxes/${f.inboxB.id}` }), allowed: ADMIN },
    { family: 'inboxes', name: 'create', request: () => ({ method: 'POST', url: `${base()}/inboxes`, body: { name: `In ${next()}`, channel: { type: 'api' } } }), allowed: ADMIN },
    { family: 'inboxes', name: 'update', request: () => ({ method: 'PATCH', url: `${base()}/inboxes/${f.inboxA.id}`, body: { greeting_message: next() } }), allowed: ADMIN },
    {
      family: 'inboxes', name: 'delete',
      request: async () => ({ method: 'DELETE', url: `${base()}/inboxes/${(await buildInbox(db, { account: f.account })).inbox.id}` }),
      allowed: ADMIN,
    },

    { family: 'inbox members', name: 'list', request: () => ({ method: 'GET', url: `${base()}/inbox_members/${f.inboxA.id}` }), allowed: EVERYONE },
    { family: 'inbox members', name: 'add', request: () => ({ method: 'POST', url: `${base()}/inbox_members`, body: { inbox_id: f.inboxB.id, user_ids: [f.other.user.id] } }), allowed: ADMIN },
    { family: 'inbox members', name: 'remove', request: () => ({ method: 'DELETE', url: `${base()}/inbox_members`, body: { inbox_id: f.inboxB.id, user_ids: [f.other.user.id] } }), allowed: ADMIN },

    { family: 'teams', name: 'list', request: () => ({ method: 'GET', url: `${base()}/teams` }), allowed: EVERYONE },
    { family: 'teams', name: 'create', request: () => ({ method: 'POST', url: `${base()}/teams`, body: { name: `team ${next()}` } }), allowed: ADMIN },
    { family: 'teams', name: 'add members', request: () => ({ method: 'POST', url: `${base()}/teams/${f.teamId}/team_members`, body: { user_ids: [f.other.user.id] } }), allowed: ADMIN },

    { family: 'labels', name: 'list', request: () => ({ method: 'GET', url: `${base()}/labels` }), allowed: EVERYONE },
    { family: 'labels', name: 'create', request: () => ({ method: 'POST', url: `${base()}/labels`, body: { title: `l${next()}`.replace(/[^a-z0-9]/g, '') } }), allowed: ADMIN },

    { family: 'webhooks', name: 'list', request: () => ({ method: 'GET', url: `${base()}/webhooks` }), allowed: ADMIN },
    { family: 'webhooks', name: 'create', request: () => ({ method: 'POST', url: `${base()}/webhooks`, body: { url: `https://hooks.example.com/${next()}`, subscriptions: ['message_created'] } }), allowed: ADMIN },

    { family: 'agent bots', name: 'list', request: () => ({ method: 'GET', url: `${base()}/agent_bots` }), allowed: EVERYONE },
    { family: 'agent bots', name: 'create', request: () => ({ method: 'POST', url: `${base()}/agent_bots`, body: { name: `bot ${next()}` } }), allowed: ADMIN },

    { family: 'contacts', name: 'list', request: () => ({ method: 'GET', url: `${base()}/contacts` }), allowed: EVERYONE },
    { family: 'contacts', name: 'create', request: () => ({ method: 'POST', url: `${base()}/contacts`, body: { name: `c ${next()}` } }), allowed: EVERYONE },
    { family: 'contacts', name: 'update', request: () => ({ method: 'PATCH', url: `${base()}/contacts/${f.contact.id}`, body: { name: `c ${next()}` } }), allowed: EVERYONE },
    {
      family: 'contacts', name: 'delete',
      request: async () => ({ method: 'DELETE', url: `${base()}/contacts/${(await buildContact(db, { account: f.account })).id}` }),
      allowed: ADMIN,
    },

    ...conversationKinds.flatMap(({ kind, make, allowed }): Case[] => [
      { family: 'conversations', name: `show: ${kind}`, request: async (_f, _r, u) => ({ method: 'GET', url: `${base()}/conversations/${(await make(u)).display_id}` }), allowed },
      {
        family: 'conversations', name: `toggle status: ${kind}`,
        request: async (_f, _r, u) => ({ method: 'POST', url: `${base()}/conversations/${(await make(u)).display_id}/toggle_status`, body: { status: 'resolved' } }),
        allowed,
      },
      { family: 'messages', name: `list: ${kind}`, request: async (_f, _r, u) => ({ method: 'GET', url: `${base()}/conversations/${(await make(u)).display_id}/messages` }), allowed },
      {
        family: 'messages', name: `reply: ${kind}`,
        request: async (_f, _r, u) => ({ method: 'POST', url: `${base()}/conversations/${(await make(u)).display_id}/messages`, body: { content: 'hello', private: true } }),
        allowed,
      },
    ]),

    { family: 'custom roles', name: 'list', request: () => ({ method: 'GET', url: `${base()}/custom_roles` }), allowed: ADMIN },
    { family: 'custom roles', name: 'create', request: () => ({ method: 'POST', url: `${base()}/custom_roles`, body: { name: `r ${next()}`, permissions: ['contact_manage'] } }), allowed: ADMIN },

    { family: 'audit logs', name: 'show', request: () => ({ method: 'GET', url: `${base()}/audit_logs` }), allowed: ADMIN },
  ];

  for (const family of [...new Set(CASES.map((c) => c.family))]) {
    it(family, async () => {
      for (const testCase of CASES.filter((c) => c.family === family)) {
        for (const role of ROLES) {
          const user = f.users[role];
          const { method, url, body } = await testCase.request(f, role, user);
          const res = await t.request(method, url, { token: user.token, body });
          const cell = `${family} / ${testCase.name} as ${role}: ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (testCase.allowed.includes(role)) {
            assert.ok(res.statusCode >= 200 && res.statusCode < 300, cell);
          } else {
            assert.equal(res.statusCode, 401, cell);
            assert.deepEqual(res.json(), UNAUTHORIZED, cell);
          }
        }
      }
    });
  }

  it('conversation lists show each role exactly what Chatwoot’s permission filter lets it see', async () => {
    const unassigned = await conversation({});
    const others = await conversation({ assignee_id: f.other.user.id });
    const elsewhere = await conversation({}, f.inboxB);
    const mine = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await conversation({ assignee_id: f.users[role].user.id })] as const)));
    const expected: Record<Role, ConversationRow[]> = {
      administrator: [unassigned, others, elsewhere, ...Object.values(mine)],
      agent: [unassigned, others, ...Object.values(mine)],
      manage: [unassigned, others, ...Object.values(mine)],
      unassigned: [unassigned, mine.unassigned],
      participating: [mine.participating],
      contacts: [],
    };
    const created = new Set([unassigned, others, elsewhere, ...Object.values(mine)].map((c) => c.display_id));
    for (const role of ROLES) {
      const res = await t.request('GET', `${base()}/conversations?status=open&assignee_type=all&page=1`, { token: f.users[role].token });
      assert.equal(res.statusCode, 200, role);
      const seen = (res.json().data.payload as Array<{ id: number }>).map((c) => c.id).filter((id) => created.has(id)).sort((a, b) => a - b);
      assert.deepEqual(seen, expected[role].map((c) => c.display_id).sort((a, b) => a - b), role);
    }
  });

  it('an agent bot and a user of another account are refused', async () => {
    const stranger = await buildAgent(db, env);
    const res = await t.request('GET', `${base()}/agents`, { token: stranger.token });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { error: 'You are not authorized to access this account' });
    const cross = await t.request('GET', `/api/v1/accounts/${stranger.account.id}/custom_roles`, { token: f.users.administrator.token });
    assert.equal(cross.statusCode, 401);
  });
});
