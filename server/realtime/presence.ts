import type { Redis } from 'ioredis';
import { AVAILABILITIES, enumName } from '../../common/enums.js';
import type { Executor } from '../db/dialect.js';

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
 */
export async function presenceData(db: Executor, presence: Presence, accountId: number, forUser: boolean): Promise<Record<string, unknown>> {
  const online = await presence.onlineIds(accountId, 'User');
  const ids = online.map(Number).filter(Number.isInteger);
  const rows = await db.selectFrom('account_users').select(['user_id', 'availability']).where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('auto_offline', '=', false), ...(ids.length > 0 ? [eb('user_id', 'in', ids)] : [])])).execute();
  const users: Record<string, string> = {};
  for (const row of rows) {
    users[String(row.user_id)] = enumName(AVAILABILITIES, row.availability) ?? 'online';
  }
  const data: Record<string, unknown> = { account_id: accountId, users };
  if (forUser) {
    const contacts = await presence.onlineIds(accountId, 'Contact');
    data.contacts = Object.fromEntries(contacts.map((id) => [id, 'online']));
  }
  return data;
}
