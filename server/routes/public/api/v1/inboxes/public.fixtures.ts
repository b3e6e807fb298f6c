import type { Executor } from '../../../../../db/dialect.js';
import type { ChannelApiRow } from '../../../../../db/schema.js';
import type { Env } from '../../../../../env.js';
import { hmacHex } from '../../../../../lib/tokens.js';
import { addInboxMember, buildAdmin, buildInbox } from '../../../../../test/factories.js';
import type { TestApp } from '../../../../../test/harness.js';

/** An account with an administrator who is a member of an API inbox, and the inbox's Client API path. */
export async function buildPublicDesk(db: Executor, env: Env, channel: Partial<ChannelApiRow> = {}) {
  const admin = await buildAdmin(db, env);
  const { inbox, channel: api } = await buildInbox(db, { account: admin.account, channel });
  await addInboxMember(db, inbox.id, admin.user.id);
  return { account: admin.account, admin, inbox, channel: api, base: `/public/api/v1/inboxes/${api.identifier}` };
}

/** The identifier hash a business computes for `identifier` with the channel's key. */
export function identifierHash(channel: ChannelApiRow, identifier: string): string {
  return hmacHex(channel.hmac_token, identifier);
}

/** Creates a contact session through the Client API and returns its JSON. */
export async function createSession(t: TestApp, base: string, body: Record<string, unknown> = {}): Promise<{ source_id: string; pubsub_token: string; id: number }> {
  const res = await t.request('POST', `${base}/contacts`, { body });
  if (res.statusCode !== 200) {
    throw new Error(`session create failed: ${res.statusCode} ${res.body}`);
  }
  return res.json();
}

/** Creates a conversation for the session through the Client API and returns its display id. */
export async function createPublicConversation(t: TestApp, base: string, sourceId: string): Promise<number> {
  const res = await t.request('POST', `${base}/contacts/${sourceId}/conversations`);
  if (res.statusCode !== 200) {
    throw new Error(`conversation create failed: ${res.statusCode} ${res.body}`);
  }
  return res.json().id;
}

/** Names of the account's delivered events since the previous call for that account. */
export function eventsSince(t: TestApp): (accountId: number) => Promise<string[]> {
  const seen = new Map<number, number>();
  return async (accountId) => {
    await t.deps.dispatcher.drain();
    const all = t.events.of(accountId);
    const from = seen.get(accountId) ?? 0;
    seen.set(accountId, all.length);
    return all.slice(from).map((e) => e.name);
  };
}
