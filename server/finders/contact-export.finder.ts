import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { ContactRow } from '../db/schema.js';
import { taggingRepository } from '../repositories/tagging.repository.js';

const LEAD = 1;
/** Contacts read per query while exporting. */
export const EXPORT_PAGE_SIZE = 1000;

export interface ContactExportQuery {
  /** Keep contacts carrying this label (ignored when `where` is given, as Chatwoot does). */
  label?: string;
  /** A custom filter's condition (`finders/filters`): keep the contacts it matches. */
  where?: Expression<SqlBool>;
  /** The account's `crm_v2` feature: leads instead of identified contacts. */
  leadsOnly?: boolean;
}

/**
 * The contacts an export writes (Account::ContactsExportJob#contacts): identified
 * contacts (a non-empty email, phone or identifier; leads with crm_v2), optionally
 * only those a custom filter matches or else those with the label, in id order, read page by page (keyset on id) with
 * their labels, so memory stays flat whatever the account's size.
 */
export async function* exportContacts(db: Executor, accountId: number, query: ContactExportQuery): AsyncGenerator<Array<{ contact: ContactRow; labels: string[] }>> {
  let after = 0;
  for (;;) {
    let page = db.selectFrom('contacts').selectAll('contacts').where('contacts.account_id', '=', accountId).where('contacts.id', '>', after)
      .where((eb) => (query.leadsOnly
        ? eb('contacts.contact_type', '=', LEAD)
        : eb.or([eb('contacts.email', '<>', ''), eb('contacts.phone_number', '<>', ''), eb('contacts.identifier', '<>', '')])));
    if (query.where) {
      page = page.where(query.where);
    } else if (query.label) {
      page = page.where('contacts.id', 'in', taggingRepository.taggedWithAny(db, accountId, 'Contact', [query.label]));
    }
    const rows = await page.orderBy('contacts.id').limit(EXPORT_PAGE_SIZE).execute();
    if (rows.length === 0) {
      return;
    }
    const labels = await taggingRepository.titlesFor(db, accountId, 'Contact', rows.map((row) => row.id));
    yield rows.map((contact) => ({ contact, labels: labels.get(contact.id) ?? [] }));
    after = rows[rows.length - 1].id;
  }
}
