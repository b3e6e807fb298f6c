import { sql } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { AuditRow, AuditsTable } from '../db/schema.js';
import type { Insertable } from 'kysely';

/** The audit log (Chatwoot's `audits`), listed per account, newest first. */
export const auditRepository = {
  async insert(db: Executor, values: Omit<Insertable<AuditsTable>, 'version'>): Promise<AuditRow> {
    const previous = values.auditable_id === null || values.auditable_id === undefined
      ? undefined
      : await db.selectFrom('audits').select(sql<number>`max(version)`.as('version'))
        .where('auditable_type', '=', values.auditable_type).where('auditable_id', '=', values.auditable_id).executeTakeFirst();
    const version = Number(previous?.version ?? 0) + 1;
    return db.insertInto('audits').values({ ...values, version }).returningAll().executeTakeFirstOrThrow();
  },

  /** One page of the account's entries, newest first, with the total count. */
  async pageOfAccount(db: Executor, accountId: number, page: number, perPage: number): Promise<{ rows: AuditRow[]; total: number }> {
    const base = db.selectFrom('audits').where('associated_type', '=', 'Account').where('associated_id', '=', accountId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(perPage).offset((page - 1) * perPage).execute(),
      base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },
};
