import type { MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../../../context.js';
import { withTransaction } from '../../../../../context.js';
import { unprocessable } from '../../../../../lib/errors.js';
import { IMPORT_CONTACTS } from '../../../../../jobs/import-contacts.job.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { DataImportJson, presentDataImport } from '../../../../../presenters/data-import.presenter.js';
import { dataImportRepository } from '../../../../../repositories/data-import.repository.js';
import { newStorageKey } from '../../../../../storage/attachment-files.js';
import { fileStore } from '../../../../../storage/file-store.js';
import type { RoutePlugin } from '../../../../types.js';
import { failedRecordsPath } from '../data-imports/data-imports.routes.js';
import { AccountParams } from './contacts.schemas.js';

/** Streams the `import_file` part to storage; other parts are skipped. Returns its key and name, or null when absent or empty. */
async function storeImportFile(request: FastifyRequest, deps: Deps): Promise<{ key: string; name: string } | null> {
  let stored: { key: string; name: string } | null = null;
  for await (const part of request.parts()) {
    if (part.type !== 'file') {
      continue;
    }
    if (part.fieldname !== 'import_file' || stored) {
      part.file.resume();
      continue;
    }
    stored = await writePart(request, deps, part);
  }
  return stored;
}

async function writePart(request: FastifyRequest, deps: Deps, part: MultipartFile): Promise<{ key: string; name: string } | null> {
  const name = part.filename || 'contacts.csv';
  const key = newStorageKey(request.account.id, name);
  try {
    const bytes = await fileStore.write(deps.env.storageDir, key, part.file);
    if (part.file.truncated) {
      throw new request.server.multipartErrors.RequestFileTooLargeError();
    }
    if (bytes > 0) {
      return { key, name };
    }
  } catch (error) {
    await fileStore.remove(deps.env.storageDir, [key]);
    throw error;
  }
  await fileStore.remove(deps.env.storageDir, [key]);
  return null;
}

/**
 * `POST /contacts/import` (administrators): multipart `import_file`. The file is stored
 * and a data import queued (job import-contacts); answers 200 with the import, whose
 * progress `GET /data_imports/{id}` shows. Chatwoot answers an empty 200 here.
 */
export const contactImportRoutes: RoutePlugin = (app, deps) => {
  app.post('/import', { schema: { tags: ['Contacts'], params: AccountParams, response: { 200: DataImportJson } } }, async (request) => {
    authorizeContact(request.actor, 'import');
    const file = request.isMultipart() ? await storeImportFile(request, deps) : null;
    if (!file) {
      throw unprocessable('File is blank');
    }
    const row = await withTransaction(deps, (tx) => dataImportRepository.insert(tx, {
      account_id: request.account.id, data_type: 'contacts', import_file_key: file.key, import_file_name: file.name,
    }));
    await deps.jobs.enqueue(IMPORT_CONTACTS, { dataImportId: row.id }, { dedupeKey: `import-contacts:${row.id}` });
    return presentDataImport(row, failedRecordsPath(row));
  });
};
