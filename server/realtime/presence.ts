import type { Redis } from 'ioredis';
import { AVAILABILITIES, enumName } from '../../common/enums.js';
import type { Executor } from '../db/dialect.js';
import { nextTurn } from '../lib/event-loop.js';

export type PresenceKind = 'User' | 'Contact';

/** Seconds a heartbeat keeps someone online (Chatwoot's PRESENCE_DURATION / CONTACT_PRESENCE_DURATION). */
export const PRESENCE_SECONDS: Record<PresenceKind, number> = { User: 20, Contact: 90 };

/** Who is online per account: last heartbeat per user or contact (OnlineStatusTracker). */
export interface Presence {
  /** Records a heartbeat; true when the id had none inside the presence window (it just came online). */
  touch(accountId: number, kind: PresenceKind, id: number): Promise<boolean>;
  /** Ids (as strings, like Chatwoot's Redis members) with a heartbeat inside the presence window. */
  onlineIds(accountId: number, kind: PresenceKind): Promise<string[]>;
}

function windowStart(kind: PresenceKind): number {
  return Math.floor(Date.now() / 1000) - PRESENCE_SECONDS[kind];
}

/** One process: a map of maps. */
export class MemoryPresence implements Presence {
  private readonly beats = new Map<string, Map<string, number>>();

  async touch(accountId: number, kind: PresenceKind, id: number): Promise<boolean> {
    const key = `${kind}:${accountId}`;
    const beats = this.beats.get(key) ?? new Map<string, number>();
    const previous = beats.get(String(id));
    beats.set(String(id), Math.floor(Date.now() / 1000));
    this.beats.set(key, beats);
    return previous === undefined || previous < windowStart(kind);
  }

  async onlineIds(accountId: number, kind: PresenceKind): Promise<string[]> {
    const beats = this.beats.get(`${kind}:${accountId}`);
    if (!beats) {
      return [];
    }
    const start = windowStart(kind);
    for (const [id, at] of beats) {
      if (at < start) {
        beats.delete(id);
      }
    }
    return [...beats.keys()];
  }
}

/** Several processes: one sorted set per account and kind, scored by the heartbeat's epoch seconds. */
export class RedisPresence implements Presence {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(accountId: number, kind: PresenceKind): string {
    return `${this.prefix}:presence:${kind === 'User' ? 'users' : 'contacts'}:${accountId}`;
  }

  async touch(accountId: number, kind: PresenceKind, id: number): Promise<boolean> {
    const key = this.key(accountId, kind);
    const previous = await this.redis.zscore(key, String(id));
    await this.redis.zadd(key, Math.floor(Date.now() / 1000), String(id));
    return previous === null || Number(previous) < windowStart(kind);
  }

  async onlineIds(accountId: number, kind: PresenceKind): Promise<string[]> {
    const key = this.key(accountId, kind);
    const start = windowStart(kind);
    await this.redis.zremrangebyscore(key, '-inf', `(${start}`);
    return this.redis.zrangebyscore(key, start, '+inf');
  }
}

/** The users of the account with a live connection, as numbers. */
export async function onlineUserIds(presence: Presence, accountId: number): Promise<Set<number>> {
  return new Set((await presence.onlineIds(accountId, 'User')).map(Number).filter(Number.isInteger));
}

/**
 * `presence.update` data: online users (plus members with auto_offline off, always listed) with
 * their chosen availability; online contacts only for a user subscriber (RoomChannel#broadcast_presence).
 * The members are read with one fixed statement whatever the number online (an `IN` list of the
 * online ids would be a different statement, cached apart, for every head count).
 */
export async function presenceData(db: Executor, presence: Presence, accountId: number, forUser: boolean): Promise<Record<string, unknown>> {
  const online = new Set(await presence.onlineIds(accountId, 'User'));
  const rows = await db.selectFrom('account_users').select(['user_id', 'availability', 'auto_offline'])
    .where('account_id', '=', accountId).orderBy('user_id').execute();
  const users: Record<string, string> = {};
  for (const row of rows) {
    const id = String(row.user_id);
    if (!row.auto_offline || online.has(id)) {
      users[id] = enumName(AVAILABILITIES, row.availability) ?? 'online';
    }
  }
  const data: Record<string, unknown> = { account_id: accountId, users };
  if (forUser) {
    const contacts = await presence.onlineIds(accountId, 'Contact');
    data.contacts = Object.fromEntries(contacts.map((id) => [id, 'online']));
  }
  return data;
}

/** Where presence.update frames go: the bus of this node. */
export type PresencePublish = (streams: string[], data: Record<string, unknown>) => Promise<void>;

interface PresenceBatch {
  /** Token streams of the user subscribers waiting (their frame lists contacts). */
  users: Set<string>;
  contacts: Set<string>;
  done: Promise<void>;
}

/** One account's presence frames: the batch taking requests, the one before it, and what the last one cost. */
interface AccountPresence {
  open: PresenceBatch | null;
  last: Promise<void> | null;
  startedAt: number;
  costMs: number;
}

/**
 * A batch starts no sooner than this many times the last batch's duration after the last one
 * started: an account whose presence is costly to read (thousands of members online) spends at
 * most a fifth of the time on it, however many sockets connect or heartbeat.
 */
const PACE = 5;
/** Accounts remembered for pacing; past this the memory is dropped (pacing starts afresh). */
const MAX_ACCOUNTS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends presence.update to many subscribers of one account at once. Requests that arrive while
 * the account's presence is being read wait for the next read, which answers all of them with
 * one frame per audience; so every answer is read after the heartbeat it answers, and a crowd
 * connecting (or heartbeating) together costs a few reads rather than one read per socket.
 */
export class PresenceBroadcaster {
  private readonly accounts = new Map<number, AccountPresence>();

  constructor(private readonly db: Executor, private readonly presence: Presence, private readonly publish: PresencePublish) {}

  /** Resolves once `token` has been sent the account's presence (a user's lists contacts too). */
  request(accountId: number, token: string, forUser: boolean): Promise<void> {
    let state = this.accounts.get(accountId);
    if (!state) {
      if (this.accounts.size >= MAX_ACCOUNTS) {
        this.accounts.clear();
      }
      state = { open: null, last: null, startedAt: 0, costMs: 0 };
      this.accounts.set(accountId, state);
    }
    if (!state.open) {
      const batch: PresenceBatch = { users: new Set(), contacts: new Set(), done: Promise.resolve() };
      const account = state;
      batch.done = (state.last ?? Promise.resolve()).catch(() => undefined)
        .then(() => this.pace(account))
        .then(() => this.send(accountId, account, batch));
      state.open = batch;
      state.last = batch.done;
    }
    (forUser ? state.open.users : state.open.contacts).add(token);
    return state.open.done;
  }

  /**
   * Waits for the account's pace; at least until the I/O callbacks in hand have run, so that the
   * requests of sockets read together join (a synchronous driver answers within one callback, and
   * microtasks alone would batch nothing).
   */
  private pace(state: AccountPresence): Promise<void> {
    const wait = state.startedAt + PACE * state.costMs - performance.now();
    return wait >= 1 ? sleep(wait) : nextTurn();
  }

  private async send(accountId: number, state: AccountPresence, batch: PresenceBatch): Promise<void> {
    state.open = null;
    state.startedAt = performance.now();
    try {
      const forUsers = await presenceData(this.db, this.presence, accountId, batch.users.size > 0);
      if (batch.users.size > 0) {
        await this.publish([...batch.users], forUsers);
      }
      if (batch.contacts.size > 0) {
        await this.publish([...batch.contacts], { account_id: forUsers.account_id, users: forUsers.users });
      }
    } finally {
      state.costMs = performance.now() - state.startedAt;
      if (state.last === batch.done && state.open === null && state.costMs * PACE < 1) {
        // Nothing waits and the account is cheap to read: nothing worth remembering.
        this.accounts.delete(accountId);
      }
    }
  }
}
