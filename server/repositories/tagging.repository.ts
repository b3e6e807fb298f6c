import type { Executor } from '../db/dialect.js';
import { now } from '../lib/clock.js';

/** What carries labels: conversations and contacts (acts_as_taggable's `taggable_type`). */
export type TaggableType = 'Conversation' | 'Contact';

/** Labels are taggings in the `labels` context (Chatwoot's `label_list`). */
const CONTEXT = 'labels';

/**
 * Labels on conversations and contacts, stored as Chatwoot stores them: a global
 * `tags` row per title and a `taggings` row per (taggable, tag). Titles come back in
 * the order they were added. For conversations, writes also refresh
 * `conversations.cached_label_list` (titles joined by ", "), Chatwoot's cache column.
 */
export const taggingRepository = {
  /** The titles on one conversation or contact, in the order they were added. */
  async listTitles(db: Executor, accountId: number, type: TaggableType, id: number): Promise<string[]> {
    return (await taggingRepository.titlesFor(db, accountId, type, [id])).get(id) ?? [];
  },

  /** Titles for many taggables at once: id → titles (ids without labels map to []). */
  async titlesFor(db: Executor, accountId: number, type: TaggableType, ids: number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) {
      return result;
    }
    const rows = await db.selectFrom('taggings').innerJoin('tags', 'tags.id', 'taggings.tag_id')
      .select(['taggings.taggable_id', 'tags.name'])
      .where('taggings.account_id', '=', accountId).where('taggings.taggable_type', '=', type)
      .where('taggings.context', '=', CONTEXT).where('taggings.taggable_id', 'in', [...new Set(ids)])
      .orderBy('taggings.id').execute();
    for (const row of rows) {
      result.get(row.taggable_id)?.push(row.name);
    }
    return result;
  },

  /**
   * Makes `titles` the whole label set of the taggable: keeps the titles it already
   * has, removes the others and adds the new ones in the given order. Titles are
   * trimmed; blanks and repeats are dropped. Returns the set before and after.
   */
  async replace(db: Executor, accountId: number, type: TaggableType, id: number, titles: string[]): Promise<{ before: string[]; after: string[] }> {
    const wanted = normalizeTitles(titles);
    const before = await taggingRepository.listTitles(db, accountId, type, id);
    const removed = before.filter((title) => !wanted.includes(title));
    const added = wanted.filter((title) => !before.includes(title));
    if (removed.length > 0) {
      const removedTagIds = db.selectFrom('tags').select('id').where('name', 'in', removed);
      await db.deleteFrom('taggings').where('account_id', '=', accountId).where('taggable_type', '=', type)
        .where('taggable_id', '=', id).where('context', '=', CONTEXT).where('tag_id', 'in', removedTagIds).execute();
    }
    if (added.length > 0) {
      const tagIds = await taggingRepository.ensureTags(db, added);
      const at = now();
      await db.insertInto('taggings').values(added.map((title) => ({
        account_id: accountId, tag_id: tagIds.get(title) as number, taggable_type: type, taggable_id: id, context: CONTEXT, created_at: at,
      }))).execute();
    }
    const after = [...before.filter((title) => wanted.includes(title)), ...added];
    if (type === 'Conversation' && (removed.length > 0 || added.length > 0)) {
      await taggingRepository.refreshConversationCache(db, accountId, [id]);
    }
    return { before, after };
  },

  /** The tags row id of each title, creating the missing tags (tags are shared by all accounts). */
  async ensureTags(db: Executor, titles: string[]): Promise<Map<string, number>> {
    const unique = [...new Set(titles)];
    if (unique.length === 0) {
      return new Map();
    }
    await db.insertInto('tags').values(unique.map((name) => ({ name, taggings_count: 0 })))
      .onConflict((oc) => oc.column('name').doNothing()).execute();
    const rows = await db.selectFrom('tags').select(['id', 'name']).where('name', 'in', unique).execute();
    return new Map(rows.map((row) => [row.name, row.id]));
  },

  /** Ids of the account's taggables of `type` that carry any of `titles`, as a subquery. */
  taggedWithAny(db: Executor, accountId: number, type: TaggableType, titles: string[]) {
    return db.selectFrom('taggings').innerJoin('tags', 'tags.id', 'taggings.tag_id').select('taggings.taggable_id')
      .where('taggings.account_id', '=', accountId).where('taggings.taggable_type', '=', type)
      .where('taggings.context', '=', CONTEXT).where('tags.name', 'in', titles);
  },

  /** Removes every label of the given taggables (when they are deleted). */
  async removeAllFor(db: Executor, accountId: number, type: TaggableType, ids: number[]): Promise<void> {
    if (ids.length > 0) {
      await db.deleteFrom('taggings').where('account_id', '=', accountId).where('taggable_type', '=', type)
        .where('taggable_id', 'in', ids).execute();
    }
  },

  /** Takes `title` off every conversation and contact of the account (label deleted). */
  async removeTitle(db: Executor, accountId: number, title: string): Promise<void> {
    const conversationIds = await taggedIds(db, accountId, 'Conversation', title);
    await db.deleteFrom('taggings').where('account_id', '=', accountId).where('context', '=', CONTEXT)
      .where('tag_id', 'in', db.selectFrom('tags').select('id').where('name', '=', title)).execute();
    await taggingRepository.refreshConversationCache(db, accountId, conversationIds);
  },

  /**
   * Renames a title on every conversation and contact of the account (label renamed).
   * A taggable that already carries the new title just loses the old one.
   */
  async renameTitle(db: Executor, accountId: number, from: string, to: string): Promise<void> {
    const fromTag = await db.selectFrom('tags').select('id').where('name', '=', from).executeTakeFirst();
    if (!fromTag || from === to) {
      return;
    }
    const conversationIds = await taggedIds(db, accountId, 'Conversation', from);
    const toTagId = (await taggingRepository.ensureTags(db, [to])).get(to) as number;
    await db.deleteFrom('taggings as old').where('old.account_id', '=', accountId).where('old.tag_id', '=', fromTag.id)
      .where(({ exists, selectFrom }) => exists(selectFrom('taggings as other').select('other.id')
        .where('other.tag_id', '=', toTagId)
        .whereRef('other.taggable_type', '=', 'old.taggable_type')
        .whereRef('other.taggable_id', '=', 'old.taggable_id')
        .whereRef('other.context', '=', 'old.context')))
      .execute();
    await db.updateTable('taggings').set({ tag_id: toTagId })
      .where('account_id', '=', accountId).where('tag_id', '=', fromTag.id).execute();
    await taggingRepository.refreshConversationCache(db, accountId, conversationIds);
  },

  /**
   * Adds titles to many taggables at once, keeping the ones they already carry.
   * Returns, per taggable, the titles it did not have before (ids with none left out).
   */
  async addTitles(db: Executor, accountId: number, type: TaggableType, wanted: Map<number, string[]>): Promise<Map<number, string[]>> {
    const ids = [...wanted.keys()];
    const before = await taggingRepository.titlesFor(db, accountId, type, ids);
    const added = new Map<number, string[]>();
    for (const [id, titles] of wanted) {
      const have = before.get(id) ?? [];
      const fresh = normalizeTitles(titles).filter((title) => !have.includes(title));
      if (fresh.length > 0) {
        added.set(id, fresh);
      }
    }
    const tagIds = await taggingRepository.ensureTags(db, [...added.values()].flat());
    const at = now();
    const rows = [...added].flatMap(([id, titles]) => titles.map((title) => ({
      account_id: accountId, tag_id: tagIds.get(title) as number, taggable_type: type, taggable_id: id, context: CONTEXT, created_at: at,
    })));
    for (let i = 0; i < rows.length; i += 500) {
      await db.insertInto('taggings').values(rows.slice(i, i + 500)).execute();
    }
    if (type === 'Conversation' && added.size > 0) {
      await taggingRepository.refreshConversationCache(db, accountId, [...added.keys()]);
    }
    return added;
  },

  /** Takes titles off many taggables; returns, per taggable, the titles it lost (ids that lost none left out). */
  async removeTitles(db: Executor, accountId: number, type: TaggableType, ids: number[], titles: string[]): Promise<Map<number, string[]>> {
    const before = await taggingRepository.titlesFor(db, accountId, type, ids);
    const removed = new Map<number, string[]>();
    for (const [id, have] of before) {
      const lost = have.filter((title) => titles.includes(title));
      if (lost.length > 0) {
        removed.set(id, lost);
      }
    }
    if (removed.size > 0) {
      await db.deleteFrom('taggings').where('account_id', '=', accountId).where('taggable_type', '=', type)
        .where('context', '=', CONTEXT).where('taggable_id', 'in', [...removed.keys()])
        .where('tag_id', 'in', db.selectFrom('tags').select('id').where('name', 'in', titles)).execute();
      if (type === 'Conversation') {
        await taggingRepository.refreshConversationCache(db, accountId, [...removed.keys()]);
      }
    }
    return removed;
  },

  /**
   * Rewrites `cached_label_list` of the given conversations from their taggings:
   * one UPDATE per distinct resulting list, not one per conversation.
   */
  async refreshConversationCache(db: Executor, accountId: number, conversationIds: number[]): Promise<void> {
    const titles = await taggingRepository.titlesFor(db, accountId, 'Conversation', conversationIds);
    const idsByList = new Map<string, number[]>();
    for (const [id, list] of titles) {
      const cached = list.join(', ');
      idsByList.set(cached, [...(idsByList.get(cached) ?? []), id]);
    }
    for (const [cached, ids] of idsByList) {
      await db.updateTable('conversations').set({ cached_label_list: cached })
        .where('account_id', '=', accountId).where('id', 'in', ids).execute();
    }
  },
};

/** Trimmed, non-blank, first occurrence of each title. */
function normalizeTitles(titles: string[]): string[] {
  return [...new Set(titles.map((title) => title.trim()).filter((title) => title.length > 0))];
}

async function taggedIds(db: Executor, accountId: number, type: TaggableType, title: string): Promise<number[]> {
  const rows = await taggingRepository.taggedWithAny(db, accountId, type, [title]).execute();
  return rows.map((row) => row.taggable_id);
}
