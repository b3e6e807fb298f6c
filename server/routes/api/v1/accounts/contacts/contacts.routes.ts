import { withTransaction } from '../../../../../context.js';
import { listContacts, searchContacts } from '../../../../../finders/contact.finder.js';
import { unprocessable } from '../../../../../lib/errors.js';
import { createContact } from '../../../../../operations/contacts/create-contact.js';
import { deleteContact } from '../../../../../operations/contacts/delete-contact.js';
import { setContactAvatar } from '../../../../../operations/contacts/set-contact-avatar.js';
import { updateContact } from '../../../../../operations/contacts/update-contact.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { presentInboxRaw } from '../../../../../presenters/contact-inbox.presenter.js';
import { presentContact } from '../../../../../presenters/contact.presenter.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { contactFilterRoutes } from './contacts-filter.routes.js';
import { contactInboxRoutes } from './contact-inboxes.routes.js';
import { contactLabelRoutes } from './contact-labels.routes.js';
import { avatarUploadOf, discardUnkeptAvatar, keepAvatarUpload, readMultipartContact } from './contact-avatar.js';
import { contactExtras, includesContactInboxes, loadContact } from './contact-loader.js';
import {
  AccountParams, ContactCreateResponse, ContactListResponse, ContactParams, ContactResponse, ContactSearchResponse,
  CreateContactBody, EmptyResponse, ListContactsQuery, SearchContactsQuery, ShowContactQuery, UpdateContactBody,
} from './contacts.schemas.js';

const tags = ['Contacts'];

/** Contacts: list, search, create, show, update, delete; contact inboxes and labels from sibling files. */
export const contactRoutes: RoutePlugin = async (app, deps) => {
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: AccountParams, querystring: ListContactsQuery, response: ContactListResponse } }, async (request) => {
    authorizeContact(request.actor, 'index');
    const { page, sort, include_contact_inboxes: include, labels = [], 'labels[]': bracketLabels = [] } = request.query;
    const { rows, count } = await listContacts(db, request.account.id, {
      page: Math.max(Number(page ?? 1), 1), sort, labels: [...labels, ...bracketLabels], leadsOnly: request.account.features.crm_v2 === true,
    });
    const extras = await contactExtras(db, rows, includesContactInboxes(include));
    return { meta: { count, current_page: page ?? 1 }, payload: rows.map((row) => presentContact(row, extras(row))) };
  });

  app.get('/search', { schema: { tags, params: AccountParams, querystring: SearchContactsQuery, response: ContactSearchResponse } }, async (request) => {
    authorizeContact(request.actor, 'search');
    const { q, page, sort, include_contact_inboxes: include } = request.query;
    if (!q?.trim()) {
      throw unprocessable('Specify search string with parameter q');
    }
    const { rows, hasMore } = await searchContacts(db, request.account.id, q.trim(), Math.max(Number(page ?? 1), 1), sort);
    const extras = await contactExtras(db, rows, includesContactInboxes(include));
    return {
      meta: { count: rows.length, current_page: page ?? 1, has_more: hasMore },
      payload: rows.map((row) => presentContact(row, extras(row))),
    };
  });

  const avatarHooks = { preValidation: readMultipartContact(deps), onResponse: discardUnkeptAvatar(deps) };

  app.post('/', { ...avatarHooks, schema: { tags, params: AccountParams, body: CreateContactBody, response: ContactCreateResponse } }, async (request) => {
    authorizeContact(request.actor, 'create');
    const created = await withTransaction(deps, async (tx) => {
      const made = await createContact(ctxOf(request, deps, tx), request.body);
      const avatar = avatarUploadOf(request);
      return avatar ? { ...made, contact: (await setContactAvatar(ctxOf(request, deps, tx), made.contact, avatar)).contact } : made;
    });
    await keepAvatarUpload(deps, request, null);
    const extras = await contactExtras(db, [created.contact], true);
    return {
      payload: {
        contact: presentContact(created.contact, extras(created.contact)),
        contact_inbox: {
          inbox: created.inbox && created.contactInbox ? presentInboxRaw(created.inbox) : null,
          source_id: created.contactInbox?.source_id ?? null,
        },
      },
    };
  });

  app.get('/:id', { schema: { tags, params: ContactParams, querystring: ShowContactQuery, response: ContactResponse } }, async (request) => {
    authorizeContact(request.actor, 'show');
    const contact = await loadContact(db, request.account.id, request.params.id);
    const extras = await contactExtras(db, [contact], includesContactInboxes(request.query.include_contact_inboxes));
    return { payload: presentContact(contact, extras(contact)) };
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    ...avatarHooks,
    schema: { tags, params: ContactParams, querystring: ShowContactQuery, body: UpdateContactBody, response: ContactResponse },
    handler: async (request) => {
      authorizeContact(request.actor, 'update');
      const { contact, replacedKey } = await withTransaction(deps, async (tx) => {
        const saved = await updateContact(ctxOf(request, deps, tx), await loadContact(tx, request.account.id, request.params.id, true), request.body);
        const avatar = avatarUploadOf(request);
        return avatar ? setContactAvatar(ctxOf(request, deps, tx), saved, avatar) : { contact: saved, replacedKey: null };
      });
      await keepAvatarUpload(deps, request, replacedKey);
      const extras = await contactExtras(db, [contact], includesContactInboxes(request.query.include_contact_inboxes));
      return { payload: presentContact(contact, extras(contact)) };
    },
  });

  app.delete('/:id', { schema: { tags, params: ContactParams, response: EmptyResponse } }, async (request, reply) => {
    authorizeContact(request.actor, 'delete');
    await withTransaction(deps, async (tx) =>
      deleteContact(ctxOf(request, deps, tx), await loadContact(tx, request.account.id, request.params.id, true)));
    // Chatwoot's `head :ok`: 200 with an empty body (undefined skips serialization).
    return reply.code(200).send(undefined as never);
  });

  await contactFilterRoutes(app, deps);
  await contactInboxRoutes(app, deps);
  await contactLabelRoutes(app, deps);
};
