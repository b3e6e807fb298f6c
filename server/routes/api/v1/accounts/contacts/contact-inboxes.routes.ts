import { isAdministrator, withTransaction } from '../../../../../context.js';
import { notFound } from '../../../../../lib/errors.js';
import { createContactInbox } from '../../../../../operations/contact-inboxes/create-contact-inbox.js';
import { listContactableInboxes } from '../../../../../operations/contact-inboxes/list-contactable-inboxes.js';
import { authorizeContact, authorizeInboxUse } from '../../../../../policies/contact.policy.js';
import { presentContactableInbox, presentContactInbox } from '../../../../../presenters/contact-inbox.presenter.js';
import { contactInboxRepository } from '../../../../../repositories/contact-inbox.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { loadContact } from './contact-loader.js';
import { ContactableInboxesResponse, ContactInboxResponse, ContactParams, CreateContactInboxBody } from './contacts.schemas.js';

const tags = ['Contacts'];

/** A contact's inboxes: create a contact inbox, list the inboxes it can be reached in. */
export const contactInboxRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/:id/contact_inboxes', { schema: { tags, params: ContactParams, body: CreateContactInboxBody, response: ContactInboxResponse } }, async (request) => {
    authorizeContact(request.actor, 'update');
    const { inbox_id: inboxId, source_id: sourceId, hmac_verified: hmacVerified } = request.body;
    const { contactInbox, inbox } = await withTransaction(deps, async (tx) => {
      const contact = await loadContact(tx, request.account.id, request.params.id);
      const inbox = await contactInboxRepository.findInbox(tx, request.account.id, inboxId);
      if (!inbox) {
        throw notFound();
      }
      const actor = request.actor;
      const members = actor.type === 'User' && !isAdministrator(actor) ? await contactInboxRepository.memberInboxIds(tx, actor.id, [inbox.id]) : new Set<number>();
      authorizeInboxUse(actor, inbox, members);
      return { contactInbox: await createContactInbox(ctxOf(request, deps, tx), { contact, inbox, sourceId, hmacVerified }), inbox };
    });
    return presentContactInbox(contactInbox, inbox);
  });

  app.get('/:id/contactable_inboxes', { schema: { tags, params: ContactParams, response: ContactableInboxesResponse } }, async (request) => {
    authorizeContact(request.actor, 'show');
    const contact = await loadContact(db, request.account.id, request.params.id);
    const contactable = await listContactableInboxes(ctxOf(request, deps), contact);
    return { payload: contactable.map(({ inbox, sourceId }) => presentContactableInbox(inbox, sourceId)) };
  });
};
