import { SYSTEM, withTransaction } from '../../../../../context.js';
import { identifyContact } from '../../../../../operations/contacts/identify-contact.js';
import { createPublicContact } from '../../../../../operations/public/create-public-contact.js';
import { verifyContactIdentity } from '../../../../../operations/public/verify-contact-identity.js';
import { presentContactRaw, presentPublicContact } from '../../../../../presenters/public-contact.presenter.js';
import type { RoutePlugin } from '../../../../types.js';
import {
  ContactBody, ContactQuery, InboxParams, PublicContactResponse, RawContactResponse, SessionParams,
} from './public.schemas.js';
import { emptyBodyAsObject, publicCtx, sessionOf } from './public-session.js';

const tags = ['Contacts API'];

/** The contact's own record: create a session, show it, identify (Public::Api::V1::Inboxes::ContactsController). */
export const publicContactRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/', {
    preValidation: emptyBodyAsObject,
    schema: { tags, params: InboxParams, body: ContactBody, response: PublicContactResponse },
  }, async (request) => {
    const { channel, inbox } = request.publicInbox;
    const { identifier, identifier_hash: identifierHash, source_id: sourceId, ...fields } = request.body;
    const session = await withTransaction(deps, async (tx) => {
      const ctx = publicCtx(request, deps, tx, SYSTEM);
      await verifyContactIdentity(ctx, channel, null, { identifier, identifierHash });
      return createPublicContact(ctx, inbox, { ...fields, identifier, sourceId });
    });
    return presentPublicContact(session.contactInbox, session.contact);
  });

  app.get('/:contact_identifier', { schema: { tags, params: SessionParams, querystring: ContactQuery, response: PublicContactResponse } }, async (request) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const { identifier, identifier_hash: identifierHash } = request.query;
    const verified = await withTransaction(deps, (tx) =>
      verifyContactIdentity(publicCtx(request, deps, tx, contact.id), request.publicInbox.channel, contactInbox, { identifier, identifierHash }));
    return presentPublicContact(verified ?? contactInbox, contact);
  });

  app.patch('/:contact_identifier', {
    preValidation: emptyBodyAsObject,
    schema: { tags, params: SessionParams, body: ContactBody, response: RawContactResponse },
  }, async (request) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const { identifier, identifier_hash: identifierHash, source_id: _sourceId, ...fields } = request.body;
    const identified = await withTransaction(deps, async (tx) => {
      const ctx = publicCtx(request, deps, tx, contact.id);
      await verifyContactIdentity(ctx, request.publicInbox.channel, contactInbox, { identifier, identifierHash });
      // Chatwoot leaves the identifier out of the identify step here: it only proves the HMAC.
      return identifyContact(ctx, contact, fields);
    });
    return presentContactRaw(identified);
  });
};
