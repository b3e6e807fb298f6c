import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from './db/connect.js';
import type { Executor } from './db/dialect.js';
import type { AccountUserRow, AgentBotRow, CustomRoleRow, PlatformAppRow, UserRow } from './db/schema.js';
import type { Env } from './env.js';
import type { EventActor } from './events/catalog.js';
import type { Dispatcher } from './events/dispatcher.js';
import type { Jobs } from './jobs/jobs.js';
import type { Presence } from './realtime/presence.js';
import type { Mailer } from './mail/mailer.js';
import { can } from './policies/permissions.js';

/**
 * Who is calling. A user's `membership` is their account_users row in the account being
 * addressed, and `customRole` the custom role that membership names (loaded with it).
 * Policies read role and permissions through `can()` in policies/permissions.ts.
 */
export type Actor =
  | { type: 'User'; id: number; user: UserRow; membership: AccountUserRow | null; customRole?: CustomRoleRow | null }
  | { type: 'AgentBot'; id: number; bot: AgentBotRow }
  | { type: 'PlatformApp'; id: number; app: PlatformAppRow }
  | { type: 'Contact'; id: number }
  | { type: 'System'; id: null };

/** The long-lived services, built once at boot (server/main.ts) or per test file. */
export interface Deps {
  env: Env;
  db: Db;
  log: Logger;
  dispatcher: Dispatcher;
  /** Redis when REDIS_URL is set (realtime fan-out and jobs across nodes), else null. */
  redis: Redis | null;
  /** Background jobs: the SQL table queue, or BullMQ when REDIS_URL is set. */
  jobs: Jobs;
  /** Who is connected (websocket heartbeats): in-process, or Redis sorted sets across nodes. */
  presence: Presence;
  /** Outgoing mail (SMTP, or the log when none is configured). */
  mailer: Mailer;
}

/** What an operation receives: the transaction, the caller, the account and the config. */
export interface Ctx {
  db: Executor;
  actor: Actor;
  accountId: number;
  env: Env;
  /** Where the request came from (the audit log records it); absent for jobs and the CLI. */
  origin?: { ip: string | null; requestId: string | null };
}

/** The system actor, for work no person or bot asked for (boot, CLI, periodic jobs). */
export const SYSTEM: Actor = { type: 'System', id: null };

/** The `{type, id}` an event records for an actor. */
export function eventActor(actor: Actor): EventActor {
  return { type: actor.type, id: actor.id };
}

/**
 * True when the actor is a user holding the administrator role in the addressed account;
 * the same question as `can(actor, 'administrator')` in policies/permissions.ts.
 */
export function isAdministrator(actor: Actor): boolean {
  return can(actor, 'administrator');
}

/**
 * Runs `work` in one transaction and wakes the outbox dispatcher after commit.
 * Routes, jobs and the CLI open transactions only through this.
 */
export async function withTransaction<T>(deps: Deps, work: (db: Executor) => Promise<T>): Promise<T> {
  const result = await deps.db.kysely.transaction().execute(work);
  deps.dispatcher.wake();
  return result;
}
