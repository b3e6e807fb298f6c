import { isUniqueViolation, uniqueViolationDetail } from '../../db/dialect.js';
import { invalid } from '../../lib/errors.js';

/**
 * Turns a unique-index violation on one of `fields` into Chatwoot's 422
 * ("Email has already been taken", attributes ["email"]); any other error is
 * rethrown as is. For the race a pre-insert check cannot close.
 */
export function rethrowTaken(error: unknown, fields: readonly string[]): never {
  if (isUniqueViolation(error)) {
    const detail = uniqueViolationDetail(error);
    // PostgreSQL: `Key (account_id, email)=(…)`; SQLite: `UNIQUE constraint failed: contacts.account_id, contacts.email`.
    const columns = /Key \(([^)]*)\)/.exec(detail)?.[1] ?? /constraint failed: ([^\n]*)/.exec(detail)?.[1] ?? detail;
    const field = fields.find((name) => new RegExp(`(^|[^a-z_])${name}($|[^a-z_])`).test(columns));
    if (field) {
      throw invalid(field, 'has already been taken');
    }
  }
  throw error;
}
