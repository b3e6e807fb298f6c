import type { Generated } from 'kysely';
import type { Ms } from './types.js';

/** A reply snippet of an account, inserted in the composer by its short code. */
export interface CannedResponsesTable {
  id: Generated<number>;
  account_id: number;
  /** Unique within the account. */
  short_code: string;
  content: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface CannedResponsesTables {
  canned_responses: CannedResponsesTable;
}
