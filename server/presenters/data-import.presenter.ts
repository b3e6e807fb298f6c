import { Type, type Static } from '@sinclair/typebox';
import type { DataImportRow } from '../db/schema.js';
import { toUnix } from '../lib/clock.js';

const STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

/**
 * A contact import and its progress. Chatwoot has no public view of a data import
 * (it emails administrators); this is our own small shape, named after its columns.
 */
export const DataImportJson = Type.Object({
  id: Type.Integer(),
  data_type: Type.String(),
  status: Type.String({ description: 'pending, processing, completed or failed' }),
  file_name: Type.Union([Type.String(), Type.Null()]),
  total_records: NullableInteger,
  processed_records: NullableInteger,
  failed_records_count: NullableInteger,
  processing_errors: Type.Union([Type.String(), Type.Null()]),
  failed_records_url: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
});

/** `failedRecordsUrl` is the download path of the failed-rows CSV (null when there is none). */
export function presentDataImport(row: DataImportRow, failedRecordsUrl: string | null): Static<typeof DataImportJson> {
  return {
    id: row.id,
    data_type: row.data_type,
    status: STATUSES[row.status] ?? 'pending',
    file_name: row.import_file_name,
    total_records: row.total_records,
    processed_records: row.processed_records,
    failed_records_count: row.total_records === null || row.processed_records === null ? null : row.total_records - row.processed_records,
    processing_errors: row.processing_errors,
    failed_records_url: row.failed_records_key ? failedRecordsUrl : null,
    created_at: toUnix(row.created_at) as number,
    updated_at: toUnix(row.updated_at) as number,
  };
}
