import type { AccountRow, ChannelWebWidgetRow, InboxRow } from '../../../../db/schema.js';
import { buildAdmin, buildWebWidgetInbox } from '../../../../test/factories.js';
import type { TestApp } from '../../../../test/harness.js';

/** A website inbox and a helper to call the widget API as one visitor. */
export interface WidgetWorld {
  account: AccountRow;
  adminToken: string;
  inbox: InboxRow;
  channel: ChannelWebWidgetRow;
  /** Calls `/api/v1/widget<path>` with the website token and, when given, the visitor's X-Auth-Token. */
  call(method: string, path: string, options?: { auth?: string; body?: unknown; headers?: Record<string, string> }): ReturnType<TestApp['request']>;
  /** A new visitor: POST /config; its token and contact. */
  visitor(): Promise<{ token: string; contactId: number; pubsubToken: string }>;
}

export async function buildWidgetWorld(t: TestApp, channel: Partial<ChannelWebWidgetRow> = {}, inbox: Partial<InboxRow> = {}): Promise<WidgetWorld> {
  const { account, token: adminToken } = await buildAdmin(t.deps.db.kysely, t.deps.env);
  const built = await buildWebWidgetInbox(t.deps.db.kysely, { account, channel, inbox });
  const call: WidgetWorld['call'] = (method, path, options = {}) => {
    const [base, query] = path.split('?');
    const url = `/api/v1/widget${base}?website_token=${encodeURIComponent(built.channel.website_token)}${query ? `&${query}` : ''}`;
    return t.request(method, url, { body: options.body, headers: { ...(options.auth ? { 'x-auth-token': options.auth } : {}), ...options.headers } });
  };
  return {
    account, adminToken, ...built, call,
    visitor: async () => {
      const res = await call('POST', '/config');
      if (res.statusCode !== 200) {
        throw new Error(`config answered ${res.statusCode}: ${res.body}`);
      }
      const body = res.json();
      return { token: body.website_channel_config.auth_token, contactId: body.contact.id, pubsubToken: body.contact.pubsub_token };
    },
  };
}
