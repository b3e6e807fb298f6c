import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledQuery, QueryResult, UnknownRow } from 'kysely';

interface Memo {
  results: Map<string, Promise<QueryResult<UnknownRow>>>;
  /** Values built from reads (rememberValue), with the quoted names of the tables they were read from. */
  values: Map<string, { tables: string[]; value: Promise<unknown> }>;
  /** False once the body returned: work it started that outlives it reads afresh. */
  open: boolean;
}

const active = new AsyncLocalStorage<Memo>();

/**
 * Runs `body` with a read memo: inside it, a SELECT identical to one already run (same SQL,
 * same parameters) is answered from memory, and any write drops the remembered reads of the
 * tables it touches. The outbox dispatcher wraps each batch in one, so the consumers of an
 * event (realtime, webhooks, bots…) load the conversation, contact and inbox once between
 * them instead of once each. Only for work that needs the state as of the batch, not newer.
 */
export async function withReadMemo<T>(body: () => Promise<T>): Promise<T> {
  const memo: Memo = { results: new Map(), values: new Map(), open: true };
  try {
    return await active.run(memo, body);
  } finally {
    memo.open = false;
    memo.results.clear();
    memo.values.clear();
  }
}

/**
 * A value built from reads (a conversation's view, say), remembered in the active memo under
 * `key` like a read: the next caller with the same key gets the same value, until a write
 * touches one of `tables` (the tables it was read from). Callers must not change the value.
 * Outside a memo, `build` runs every time.
 */
export function rememberValue<T>(key: string, tables: readonly string[], build: () => Promise<T>): Promise<T> {
  const memo = active.getStore();
  if (!memo?.open) {
    return build();
  }
  const known = memo.values.get(key);
  if (known) {
    return known.value as Promise<T>;
  }
  const value = build();
  memo.values.set(key, { tables: tables.map((t) => `"${t}"`), value });
  value.catch(() => memo.values.delete(key));
  return value;
}

/**
 * Runs `body` outside any read memo. For work started from inside a memo that lives on
 * its own (a job worker woken by a consumer): it must see fresh state.
 */
export function outsideReadMemo<T>(body: () => T): T {
  return active.exit(body);
}

/** What a write query names as its target tables (quoted as the compiler quotes them). */
function writtenTables(query: CompiledQuery): string[] | 'all' {
  const node = query.query as unknown as Record<string, unknown> & { kind: string };
  const name = (table: unknown): string | undefined => {
    const t = table as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown } | undefined;
    if (t?.kind === 'AliasNode') {
      return name(t.node);
    }
    return t?.table?.identifier?.name;
  };
  let tables: Array<string | undefined>;
  switch (node.kind) {
    case 'InsertQueryNode':
      tables = [name(node.into)];
      break;
    case 'UpdateQueryNode':
      tables = [name(node.table)];
      break;
    case 'DeleteQueryNode':
      tables = ((node.from as { froms?: unknown[] } | undefined)?.froms ?? []).map(name);
      break;
    default:
      return 'all';
  }
  return tables.every((t) => t !== undefined) && tables.length > 0 ? tables.map((t) => `"${t}"`) : 'all';
}

/**
 * Plain reads only: a SELECT that takes row locks must reach the database every time, and raw
 * SQL (advisory locks, pragmas) is never remembered.
 */
function isPlainRead(query: CompiledQuery): boolean {
  return (query.query as { kind: string }).kind === 'SelectQueryNode'
    && !/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(query.sql);
}

/** Copies the rows, so a caller changing its rows cannot change what the next caller is given. */
function copy(result: QueryResult<UnknownRow>): QueryResult<UnknownRow> {
  return { ...result, rows: result.rows.map((row) => ({ ...row })) };
}

/** Runs `execute`, or answers from the active memo (see withReadMemo). */
export async function recall(query: CompiledQuery, execute: () => Promise<QueryResult<UnknownRow>>): Promise<QueryResult<UnknownRow>> {
  const memo = active.getStore();
  if (!memo?.open) {
    return execute();
  }
  const { results } = memo;
  if (!isPlainRead(query)) {
    const tables = (query.query as { kind: string }).kind === 'SelectQueryNode' ? [] : writtenTables(query);
    for (const key of results.keys()) {
      if (tables === 'all' || tables.some((t) => key.includes(t))) {
        results.delete(key);
      }
    }
    for (const [key, entry] of memo.values) {
      if (tables === 'all' || tables.some((t) => entry.tables.includes(t))) {
        memo.values.delete(key);
      }
    }
    return execute();
  }
  const key = `${query.sql}\u0000${JSON.stringify(query.parameters)}`;
  let result = results.get(key);
  if (!result) {
    result = execute();
    results.set(key, result);
    result.catch(() => results.delete(key));
  }
  return copy(await result);
}
