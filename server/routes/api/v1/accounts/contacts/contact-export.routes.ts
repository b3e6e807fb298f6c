import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { CONTACT_TYPES, enumName } from '../../../../../../common/enums.js';
import type { ContactRow } from '../../../../../db/schema.js';
import { exportContacts } from '../../../../../finders/contact-export.finder.js';
import { buildFilter } from '../../../../../finders/filters/filter-engine.js';
import { contactFilterModel } from '../../../../../finders/filters/contact-filter-model.js';
import { csvLine } from '../../../../../lib/csv/write.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { FilterBody } from '../../../../filter.schemas.js';
import type { RoutePlugin } from '../../../../types.js';
import { AccountParams } from './contacts.schemas.js';

/** Columns an export may ask for: the contact's columns and the virtual `labels`. */
const EXPORTABLE = ['id', 'name', 'middle_name', 'last_name', 'email', 'phone_number', 'identifier', 'additional_attributes', 'custom_attributes',
  'contact_type', 'location', 'country_code', 'blocked', 'last_activity_at', 'created_at', 'updated_at', 'labels'] as const;
type Column = (typeof EXPORTABLE)[number];
const DEFAULT_COLUMNS: Column[] = ['id', 'name', 'email', 'phone_number', 'labels'];

const Names = Type.Union([Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }), Type.String({ maxLength: 2000 })]);
const ExportBody = Type.Object({
  column_names: Type.Optional(Names),
  label: Type.Optional(Type.String({ maxLength: 255 })),
  payload: Type.Optional(FilterBody.properties.payload),
});

function valueOf(contact: ContactRow, labels: string[], column: Column): unknown {
  switch (column) {
    case 'labels':
      return labels.join(',');
    case 'contact_type':
      return enumName(CONTACT_TYPES, contact.contact_type);
    case 'created_at':
    case 'updated_at':
    case 'last_activity_at':
      return contact[column] === null ? null : new Date(Number(contact[column])).toISOString();
    default:
      return contact[column];
  }
}

/** Chatwoot keeps the requested columns it knows, in the order asked, once each; none → the defaults. */
function columnsOf(requested: string[] | string | undefined): Column[] {
  const names = typeof requested === 'string' ? requested.split(',').map((name) => name.trim()) : requested ?? [];
  const known = [...new Set(names.filter((name): name is Column => (EXPORTABLE as readonly string[]).includes(name)))];
  return names.length > 0 ? known : DEFAULT_COLUMNS;
}

/**
 * `POST /contacts/export` (administrators): the account's identified contacts, those a
 * custom filter `payload` matches (the payload of `POST /contacts/filter`; a bad one answers
 * 422 before anything is sent), or else those with `label`, as CSV (a UTF-8 byte-order
 * mark, then `column_names` or id, name, email, phone_number, labels). Chatwoot builds the
 * file in a job and emails a link; we stream it in the response, read a thousand contacts
 * at a time.
 */
export const contactExportRoutes: RoutePlugin = (app, deps) => {
  app.post('/export', {
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: { tags: ['Contacts'], params: AccountParams, body: ExportBody, response: { 200: Type.Unsafe<unknown>({ type: 'string', description: 'text/csv' }) } },
  }, async (request, reply) => {
    authorizeContact(request.actor, 'export');
    const db = deps.db.kysely;
    const account = request.account;
    const { payload } = request.body;
    const where = payload && payload.length > 0 ? buildFilter(db, await contactFilterModel(db, account.id, payload), payload) : undefined;
    const columns = columnsOf(request.body.column_names);
    const pages = exportContacts(db, account.id, { label: request.body.label, where, leadsOnly: account.features.crm_v2 === true });
    async function* lines(): AsyncGenerator<string> {
      yield `\uFEFF${csvLine(columns)}`;
      for await (const page of pages) {
        yield page.map(({ contact, labels }) => csvLine(columns.map((column) => valueOf(contact, labels, column)))).join('');
      }
    }
    const name = `${account.name.replace(/[^A-Za-z0-9._-]+/g, '_')}_${account.id}_contacts.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(Readable.from(lines()));
  });
};
