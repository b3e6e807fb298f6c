import { connect } from '../server/db/connect.js';
import { migrate } from '../server/db/migrate.js';
import { loadEnv, type Env } from '../server/env.js';
import { randomToken, uuid } from '../server/lib/tokens.js';
import { addInboxMember, buildAccount, buildAdmin, buildAgent, buildInbox } from '../server/test/factories.js';
import { openBulkWriter, type BulkWriter } from './bulk.js';

/** The benchmark account: its administrator's credentials, its API inbox and how many conversations it has. */
export interface BenchAccount {
  accountId: number;
  adminId: number;
  adminToken: string;
  adminPubsubToken: string;
  inboxId: number;
  /** Conversations have display ids 1..conversations. */
  conversations: number;
  messages: number;
  /** Seconds the bulk seeding took. */
  seedSeconds: number;
}

/** The environment the seeder and every server child share (same secret, same data folder). */
export function benchEnv(databaseUrl: string, dataDir: string, secretKeyBase: string): Env {
  return loadEnv({ DATABASE_URL: databaseUrl, PARLEY_DATA_DIR: dataDir, SECRET_KEY_BASE: secretKeyBase });
}

/** Conversations seeded per transaction (with their contacts, contact inboxes and messages). */
const CHUNK = 5_000;
const MINUTE = 60_000;

export const CONTACT_COLUMNS = ['account_id', 'name', 'middle_name', 'last_name', 'email', 'phone_number', 'identifier',
  'additional_attributes', 'custom_attributes', 'last_activity_at', 'contact_type', 'location', 'country_code', 'blocked',
  'avatar_url', 'created_at', 'updated_at'];
const CONTACT_INBOX_COLUMNS = ['contact_id', 'inbox_id', 'source_id', 'hmac_verified', 'pubsub_token', 'created_at', 'updated_at'];
const CONVERSATION_COLUMNS = ['account_id', 'inbox_id', 'display_id', 'uuid', 'status', 'priority', 'assignee_id',
  'assignee_agent_bot_id', 'team_id', 'contact_id', 'contact_inbox_id', 'campaign_id', 'identifier', 'additional_attributes',
  'custom_attributes', 'cached_label_list', 'contact_last_seen_at', 'agent_last_seen_at', 'assignee_last_seen_at',
  'last_activity_at', 'waiting_since', 'first_reply_created_at', 'snoozed_until', 'muted', 'sla_policy_id', 'created_at', 'updated_at'];
const MESSAGE_COLUMNS = ['account_id', 'inbox_id', 'conversation_id', 'message_type', 'content_type', 'content',
  'content_attributes', 'private', 'status', 'source_id', 'echo_id', 'sender_type', 'sender_id', 'external_source_ids',
  'additional_attributes', 'processed_message_content', 'sentiment', 'created_at', 'updated_at'];

/** Status of the i-th conversation: 50% open, 30% resolved, 15% pending, 5% snoozed. */
export function seededStatus(i: number): number {
  const r = i % 20;
  return r < 10 ? 0 : r < 16 ? 1 : r < 19 ? 2 : 3;
}

/**
 * Assignee of the i-th conversation: 30% the administrator, 30% the other agents, 40% nobody;
 * drawn from i / 20 so that it is independent of the status (drawn from i % 20).
 */
export function seededAssignee(i: number, adminId: number, agentIds: number[]): number | null {
  const r = Math.floor(i / 20) % 10;
  if (r < 3) {
    return adminId;
  }
  return r < 6 ? agentIds[i % agentIds.length] : null;
}

/** How many messages the i-th of n conversations gets so that they add up to `total`. */
export function messagesFor(i: number, n: number, total: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

interface SeedPlan {
  accountId: number;
  inboxId: number;
  adminId: number;
  agentIds: number[];
  conversations: number;
  messages: number;
  t0: number;
}

/** Seeds conversations [from, to) with a contact, a contact inbox and their messages each. */
async function seedChunk(w: BulkWriter, plan: SeedPlan, from: number, to: number): Promise<void> {
  const { accountId, inboxId, t0 } = plan;
  const idx = Array.from({ length: to - from }, (_, k) => from + k);
  const contacts = await w.insert('contacts', CONTACT_COLUMNS, idx.map((i) => [accountId, `Bench Contact ${i}`, '', '',
    `bench-${i}@example.com`, null, null, {}, {}, t0, 1, '', '', false, null, t0, t0]), ['id', 'email']);
  const contactOf = new Map(contacts.map((c) => [Number(String(c.email).slice(6).split('@')[0]), Number(c.id)]));
  const inboxes = await w.insert('contact_inboxes', CONTACT_INBOX_COLUMNS, idx.map((i) => [contactOf.get(i), inboxId,
    `bench-${i}`, false, randomToken(), t0, t0]), ['id', 'contact_id']);
  const contactInboxOf = new Map(inboxes.map((r) => [Number(r.contact_id), Number(r.id)]));
  const conversations = await w.insert('conversations', CONVERSATION_COLUMNS, idx.map((i) => {
    const contactId = contactOf.get(i) as number;
    const status = seededStatus(i);
    const activity = t0 - ((i * 7919) % plan.conversations) * MINUTE;
    return [accountId, inboxId, i + 1, uuid(), status, null, seededAssignee(i, plan.adminId, plan.agentIds), null, null,
      contactId, contactInboxOf.get(contactId), null, null, {}, {}, '', null, null, null, activity,
      status === 0 ? activity : null, null, status === 3 ? t0 + 86_400_000 : null, false, null, activity - MINUTE, activity];
  }), ['id', 'display_id', 'contact_id', 'last_activity_at']);
  const messages: unknown[][] = [];
  for (const c of conversations) {
    const i = Number(c.display_id) - 1;
    const count = messagesFor(i, plan.conversations, plan.messages);
    const end = Number(c.last_activity_at);
    for (let m = 0; m < count; m += 1) {
      const incoming = m % 2 === 0;
      const at = end - (count - m) * 1000;
      messages.push([accountId, inboxId, c.id, incoming ? 0 : 1, 0, `Bench message ${m} of conversation ${i + 1}`, {}, false,
        0, null, null, incoming ? 'Contact' : 'User', incoming ? c.contact_id : plan.adminId, {}, {}, null, {}, at, at]);
    }
  }
  await w.insert('messages', MESSAGE_COLUMNS, messages);
}

/** Creates the account, its administrator (with a token), three agents and an API inbox, through the test factories. */
async function createAccount(env: Env): Promise<Omit<SeedPlan, 'conversations' | 'messages' | 't0'> & { adminToken: string; adminPubsubToken: string }> {
  const db = connect(env.databaseUrl);
  try {
    await migrate(db);
    const k = db.kysely;
    const account = await buildAccount(k, { name: 'Bench Account' });
    const admin = await buildAdmin(k, env, account);
    const agents = await Promise.all([1, 2, 3].map(() => buildAgent(k, env, { account })));
    // Auto-assignment off: the seeded backlog (some 2,000 open unassigned conversations) would
    // otherwise be assigned to the administrator the moment its websocket subscriber connects,
    // a background storm of thousands of writes that no scenario means to measure.
    const { inbox } = await buildInbox(k, { account, inbox: { enable_auto_assignment: false } });
    await addInboxMember(k, inbox.id, admin.user.id);
    return {
      accountId: account.id, inboxId: inbox.id, adminId: admin.user.id, agentIds: agents.map((a) => a.user.id),
      adminToken: admin.token, adminPubsubToken: admin.user.pubsub_token,
    };
  } finally {
    await db.close();
  }
}

/** Migrates the database and seeds the benchmark account with bulk inserts straight into the tables. */
export async function seedBenchAccount(env: Env, sizes: { conversations: number; messages: number; analyze: boolean }): Promise<BenchAccount> {
  const base = await createAccount(env);
  const plan: SeedPlan = { ...base, conversations: sizes.conversations, messages: sizes.messages, t0: Date.now() };
  const started = process.hrtime.bigint();
  const writer = await openBulkWriter(env.databaseUrl);
  try {
    const restore = await writer.withoutIndexes('messages');
    for (let from = 0; from < sizes.conversations; from += CHUNK) {
      await writer.transaction(() => seedChunk(writer, plan, from, Math.min(sizes.conversations, from + CHUNK)));
    }
    await restore();
    await writer.analyze(sizes.analyze);
  } finally {
    await writer.close();
  }
  await setDisplayCounter(env.databaseUrl, base.accountId, sizes.conversations);
  return {
    accountId: base.accountId, adminId: base.adminId, adminToken: base.adminToken, adminPubsubToken: base.adminPubsubToken,
    inboxId: base.inboxId, conversations: sizes.conversations, messages: sizes.messages,
    seedSeconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** Moves the account's display-id counter past the seeded conversations. */
async function setDisplayCounter(url: string, accountId: number, value: number): Promise<void> {
  const db = connect(url);
  try {
    await db.kysely.updateTable('accounts').set({ last_conversation_display_id: value }).where('id', '=', accountId).execute();
  } finally {
    await db.close();
  }
}

const USER_COLUMNS = ['provider', 'uid', 'encrypted_password', 'name', 'display_name', 'email', 'pubsub_token', 'availability',
  'ui_settings', 'custom_attributes', 'type', 'message_signature', 'avatar_url', 'confirmed_at', 'created_at', 'updated_at'];
const ACCOUNT_USER_COLUMNS = ['account_id', 'user_id', 'role', 'inviter_id', 'active_at', 'availability', 'auto_offline', 'created_at', 'updated_at'];

/** Adds `count` administrators to the account by bulk insert (one per websocket of the fan-out scenarios); returns their room params. */
export async function seedCrowd(databaseUrl: string, accountId: number, count: number): Promise<Array<{ pubsubToken: string; accountId: number; userId: number }>> {
  const writer = await openBulkWriter(databaseUrl);
  const t0 = Date.now();
  const tag = randomToken(4).toLowerCase().replace(/[^a-z0-9]/g, '');
  try {
    let users: Record<string, unknown>[] = [];
    await writer.transaction(async () => {
      users = await writer.insert('users', USER_COLUMNS, Array.from({ length: count }, (_, i) => {
        const email = `crowd-${tag}-${i}@example.com`;
        return ['email', email, '', `Crowd Agent ${i}`, null, email, randomToken(), 0, {}, {}, null, null, null, t0, t0, t0];
      }), ['id', 'pubsub_token']);
      await writer.insert('account_users', ACCOUNT_USER_COLUMNS, users.map((u) => [accountId, u.id, 1, null, t0, 0, true, t0, t0]));
    });
    return users.map((u) => ({ pubsubToken: String(u.pubsub_token), accountId, userId: Number(u.id) }));
  } finally {
    await writer.close();
  }
}
