import type { Generated } from 'kysely';
import type { Ms } from './types.js';

/** A note an agent keeps on a contact (Chatwoot's `notes`). */
export interface NotesTable {
  id: Generated<number>;
  account_id: number;
  contact_id: number;
  /** The author; null once the user is deleted. */
  user_id: number | null;
  content: string;
  created_at: Ms;
  updated_at: Ms;
}

/** A CSV import of contacts and its progress (Chatwoot's `data_imports`). */
export interface DataImportsTable {
  id: Generated<number>;
  account_id: number;
  data_type: string;
  /** pending 0, processing 1, completed 2, failed 3. */
  status: number;
  processing_errors: string | null;
  total_records: number | null;
  processed_records: number | null;
  /** Storage key of the uploaded file; null once it is removed. */
  import_file_key: string | null;
  import_file_name: string | null;
  /** Storage key of the failed-rows CSV; null when every row went in. */
  failed_records_key: string | null;
  created_at: Ms;
  updated_at: Ms;
}

/** Contact notes and data imports. */
export interface ContactDataTables {
  notes: NotesTable;
  data_imports: DataImportsTable;
}
