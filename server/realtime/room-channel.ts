import type { Executor } from '../db/dialect.js';
import { pubsubRepository } from '../repositories/pubsub.repository.js';

/** Longest identifier string accepted (the dashboard's is about 120 characters). */
export const MAX_IDENTIFIER_LENGTH = 1024;
const MAX_TOKEN_LENGTH = 128;

/** Who a RoomChannel subscription belongs to and the streams it listens on. */
export interface RoomSubscriber {
  kind: 'User' | 'Contact';
  id: number;
  accountId: number;
  token: string;
  /** The token stream; users also stream `account_<id>` (contact events). */
  streams: string[];
}

/** What the subscribe identifier asks for. */
export interface RoomParams {
  channel: string;
  pubsubToken: string;
  userId: number | null;
  accountId: number | null;
  /** Resumable feed: the last sequence the client saw (absent: no replay). */
  lastSequence: number | null;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function integerOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** Parses an identifier string; null when it is not a JSON object naming a channel and a token. */
export function parseRoomParams(identifier: string): RoomParams | null {
  let params: unknown;
  try {
    params = JSON.parse(identifier);
  } catch {
    return null;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return null;
  }
  const p = params as Record<string, unknown>;
  if (typeof p.channel !== 'string' || typeof p.pubsub_token !== 'string' || p.pubsub_token === ''
    || p.pubsub_token.length > MAX_TOKEN_LENGTH) {
    return null;
  }
  return {
    channel: p.channel,
    pubsubToken: p.pubsub_token,
    userId: blank(p.user_id) ? null : integerOf(p.user_id) ?? -1,
    accountId: integerOf(p.account_id),
    lastSequence: blank(p.last_sequence) ? null : integerOf(p.last_sequence),
  };
}

/**
 * RoomChannel#subscribed: without user_id the token must be a contact inbox's; with it, the
 * user holding that token must be a member of account_id. Null means reject.
 */
export async function authorizeRoom(db: Executor, params: RoomParams): Promise<RoomSubscriber | null> {
  if (params.channel !== 'RoomChannel') {
    return null;
  }
  if (params.userId === null) {
    const contact = await pubsubRepository.findContactByToken(db, params.pubsubToken);
    return contact ? {
      kind: 'Contact', id: contact.contact_id, accountId: contact.account_id, token: params.pubsubToken, streams: [params.pubsubToken],
    } : null;
  }
  if (params.userId < 0 || params.accountId === null) {
    return null;
  }
  const member = await pubsubRepository.findMemberByToken(db, params.pubsubToken, params.userId, params.accountId);
  return member ? {
    kind: 'User', id: member.user_id, accountId: member.account_id, token: params.pubsubToken,
    streams: [params.pubsubToken, accountStream(member.account_id)],
  } : null;
}

const CHECK_CHUNK = 512;

/**
 * The tokens padded to the next power of two by repeating the first: the `IN` lists then take a
 * handful of lengths, so the database prepares (and caches) a handful of statements rather than
 * one per socket count.
 */
function padded(tokens: string[]): string[] {
  let size = 1;
  while (size < tokens.length) {
    size *= 2;
  }
  return tokens.length === 0 ? tokens : tokens.concat(Array<string>(size - tokens.length).fill(tokens[0]));
}

function keyOf(kind: RoomSubscriber['kind'], token: string, id: number, accountId: number | null): string {
  return `${kind}:${token}:${id}:${accountId ?? ''}`;
}

/**
 * The subscribers whose token still belongs to them (and, for users, who are still members of
 * the account), checked in batches: a few queries whatever the number of sockets.
 */
export async function stillAuthorized(db: Executor, subscribers: RoomSubscriber[]): Promise<Set<RoomSubscriber>> {
  const valid = new Set<string>();
  for (let i = 0; i < subscribers.length; i += CHECK_CHUNK) {
    const chunk = subscribers.slice(i, i + CHECK_CHUNK);
    const tokens = (kind: RoomSubscriber['kind']) => padded([...new Set(chunk.filter((s) => s.kind === kind).map((s) => s.token))]);
    const [members, contacts] = await Promise.all([
      pubsubRepository.membershipsByTokens(db, tokens('User')),
      pubsubRepository.contactsByTokens(db, tokens('Contact')),
    ]);
    members.forEach((m) => valid.add(keyOf('User', m.pubsub_token, m.user_id, m.account_id)));
    contacts.forEach((c) => valid.add(keyOf('Contact', c.pubsub_token, c.contact_id, null)));
  }
  return new Set(subscribers.filter((s) => valid.has(keyOf(s.kind, s.token, s.id, s.kind === 'User' ? s.accountId : null))));
}

/** The stream every agent of an account listens on. */
export function accountStream(accountId: number): string {
  return `account_${accountId}`;
}
