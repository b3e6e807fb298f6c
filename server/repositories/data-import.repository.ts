import type { Executor } from '../db/dialect.js';
import type { DataImportRow, DataImportsTable } from '../db/schema.js';
import type { Updateable } from 'kysely';
import { now } from '../lib/clock.js';

/** Data import status values (Chatwoot's enum). */
export const DATA_IMPORT_STATUS = { pending: 0, processing: 1, completed: 2, failed: 3 } as const;

/** CSV imports of an account and their progress. */
export const dataImportRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<DataImportRow | undefined> {
    return db.selectFrom('data_imports').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** The import by id alone, for the job that runs it. */
  findByIdUnscoped(db: Executor, id: number): Promise<DataImportRow | undefined> {
    return db.selectFrom('data_imports').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The account's imports, newest first. */
  listRecent(db: Executor, accountId: number, limit: number): Promise<DataImportRow[]> {
    return db.selectFrom('data_imports').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
  },

  insert(db: Executor, values: { account_id: number; data_type: string; import_file_key: string; import_file_name: string }): Promise<DataImportRow> {
    const at = now();
    return db.insertInto('data_imports').values({
      ...values, status: DATA_IMPORT_STATUS.pending, processing_errors: null, total_records: null, processed_records: null,
      failed_records_key: null, created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow();
  },

  async update(db: Executor, id: number, values: Updateable<DataImportsTable>): Promise<void> {
    await db.updateTable('data_imports').set({ ...values, updated_at: now() }).where('id', '=', id).execute();
  },
};
