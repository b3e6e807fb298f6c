import { Type } from '@sinclair/typebox';
import type { DataImportRow } from '../../../../../db/schema.js';
import { notFound } from '../../../../../lib/errors.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { DataImportJson, presentDataImport } from '../../../../../presenters/data-import.presenter.js';
import { dataImportRepository } from '../../../../../repositories/data-import.repository.js';
import { fileStore } from '../../../../../storage/file-store.js';
import type { RoutePlugin } from '../../../../types.js';

const tags = ['Data imports'];
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Params = Type.Object({ account_id: Id, id: Id });

/** Where the failed-rows CSV of an import is downloaded. */
export function failedRecordsPath(row: DataImportRow): string {
  return `/api/v1/accounts/${row.account_id}/data_imports/${row.id}/failed_records`;
}

/**
 * Progress of contact imports (administrators): the recent imports, one import, and
 * the download of its failed-rows CSV (the file's columns, then `errors` and `line`).
 */
export const dataImportRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: Type.Object({ account_id: Id }), response: { 200: Type.Object({ payload: Type.Array(DataImportJson) }) } } }, async (request) => {
    authorizeContact(request.actor, 'import');
    const rows = await dataImportRepository.listRecent(db, request.account.id, 25);
    return { payload: rows.map((row) => presentDataImport(row, failedRecordsPath(row))) };
  });

  app.get('/:id', { schema: { tags, params: Params, response: { 200: DataImportJson } } }, async (request) => {
    authorizeContact(request.actor, 'import');
    const row = await dataImportRepository.findById(db, request.account.id, request.params.id);
    if (!row) {
      throw notFound();
    }
    return presentDataImport(row, failedRecordsPath(row));
  });

  app.get('/:id/failed_records', {
    schema: { tags, params: Params, response: { 200: Type.Unsafe<unknown>({ type: 'string', description: 'text/csv' }) } },
  }, async (request, reply) => {
    authorizeContact(request.actor, 'import');
    const row = await dataImportRepository.findById(db, request.account.id, request.params.id);
    const stream = row?.failed_records_key ? await fileStore.openRead(deps.env.storageDir, row.failed_records_key) : null;
    if (!row?.failed_records_key || !stream) {
      throw notFound();
    }
    const name = row.failed_records_key.split('/').pop() ?? 'failed_contacts.csv';
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(stream);
  });
};
