import { sql, type SqlBool } from 'kysely';
import { buildFilter } from '../../../../../finders/filters/filter-engine.js';
import { contactFilterModel } from '../../../../../finders/filters/contact-filter-model.js';
import { listContacts } from '../../../../../finders/contact.finder.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { presentContact } from '../../../../../presenters/contact.presenter.js';
import { type RoutePlugin } from '../../../../types.js';
import { contactExtras, includesContactInboxes } from './contact-loader.js';
import { FilterBody } from '../../../../filter.schemas.js';
import { AccountParams, ActiveContactsQuery, ContactListResponse, FilterQuery } from './contacts.schemas.js';

const tags = ['Contacts'];

/** `POST /contacts/filter` (custom filters) and `GET /contacts/active` (contacts online now). */
export const contactFilterRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/filter', { schema: { tags, params: AccountParams, querystring: FilterQuery, body: FilterBody, response: ContactListResponse } }, async (request) => {
    authorizeContact(request.actor, 'index');
    const { payload } = request.body;
    const page = request.query.page ?? request.body.page ?? 1;
    const where = buildFilter(db, await contactFilterModel(db, request.account.id, payload), payload);
    const { rows, count } = await listContacts(db, request.account.id, {
      page: Math.max(Number(page), 1), sort: request.query.sort, where, leadsOnly: request.account.features.crm_v2 === true,
    });
    const extras = await contactExtras(db, rows, includesContactInboxes(request.query.include_contact_inboxes));
    return { meta: { count, current_page: page }, payload: rows.map((row) => presentContact(row, extras(row))) };
  });

  /**
   * Chatwoot lists the contacts OnlineStatusTracker has a heartbeat for; here the same
   * presence the cable keeps (a contact's widget subscription, 90 seconds per heartbeat).
   */
  app.get('/active', { schema: { tags, params: AccountParams, querystring: ActiveContactsQuery, response: ContactListResponse } }, async (request) => {
    authorizeContact(request.actor, 'index');
    const { page, sort, include_contact_inboxes: include } = request.query;
    const online = (await deps.presence.onlineIds(request.account.id, 'Contact')).map(Number).filter((id) => Number.isInteger(id) && id > 0);
    const { rows, count } = online.length === 0
      ? { rows: [], count: 0 }
      : await listContacts(db, request.account.id, {
        page: Math.max(Number(page ?? 1), 1), sort, everyContact: true,
        where: sql<SqlBool>`contacts.id IN (${sql.join(online)})`,
      });
    const extras = await contactExtras(db, rows, includesContactInboxes(include));
    return { meta: { count, current_page: page ?? 1 }, payload: rows.map((row) => presentContact(row, { ...extras(row), online: true })) };
  });
};
