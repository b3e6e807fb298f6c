import type { Ctx } from '../../context.js';
import type { DashboardAppFrame, DashboardAppRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { dashboardAppRepository } from '../../repositories/dashboard-app.repository.js';

/** At most this many frames per app (Chatwoot sets no limit; the dashboard shows one). */
export const MAX_FRAMES = 20;

export interface DashboardAppInput {
  /** The tab's title in the conversation side panel. */
  title?: string | null;
  /** The frames: `[{type: 'frame', url: 'https://…'}]`, at least one. */
  content?: unknown;
}

/** An absolute http(s) URL, as Chatwoot's JSON schema (`format: uri`, `^https?://`). */
function saneUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https?:\/\//.test(value) || value.length > 2048) {
    return false;
  }
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false;
  }
}

/**
 * Chatwoot's content validation: a non-empty array of `{type: 'frame', url}` objects whose
 * URLs are http(s). Only `type` and `url` are kept (its strong parameters drop the rest).
 * Anything else is 422 `Content : Invalid data`.
 */
export function frameList(content: unknown): DashboardAppFrame[] {
  const fail = () => invalid('content', ': Invalid data');
  if (!Array.isArray(content) || content.length === 0 || content.length > MAX_FRAMES) {
    throw fail();
  }
  return content.map((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw fail();
    }
    const { type, url } = item as Record<string, unknown>;
    if (type !== 'frame' || !saneUrl(url)) {
      throw fail();
    }
    const kept = Object.entries(item).filter(([key]) => key === 'type' || key === 'url');
    return Object.fromEntries(kept) as unknown as DashboardAppFrame;
  });
}

/**
 * Creates a dashboard app for the acting user, or with `existing` updates it (fields left out
 * keep their value). The title must be present and the content valid (422 naming the field).
 */
export async function saveDashboardApp(ctx: Ctx, existing: DashboardAppRow | null, input: DashboardAppInput): Promise<DashboardAppRow> {
  const title = (input.title === undefined && existing ? existing.title : input.title)?.trim() ?? '';
  if (!title) {
    throw invalid('title', "can't be blank");
  }
  const content = input.content === undefined && existing ? existing.content : frameList(input.content);
  if (existing) {
    return dashboardAppRepository.update(ctx.db, ctx.accountId, existing.id, { title, content });
  }
  const userId = ctx.actor.type === 'User' ? ctx.actor.id : null;
  return dashboardAppRepository.insert(ctx.db, { account_id: ctx.accountId, user_id: userId, title, content });
}
