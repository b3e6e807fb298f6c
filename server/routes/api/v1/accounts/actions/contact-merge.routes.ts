import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../../../../context.js';
import { mergeContacts } from '../../../../../operations/contacts/merge-contacts.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { ContactJson, presentContact } from '../../../../../presenters/contact.presenter.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { loadContact } from '../contacts/contact-loader.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const MergeBody = Type.Object({ base_contact_id: Id, mergee_contact_id: Id });

/**
 * `POST /actions/contact_merge` (ContactMergesController): the mergee's conversations,
 * contact inboxes, notes, labels and attributes move to the base and the mergee is
 * deleted, in one transaction. Answers the base contact as `_contact` renders it.
 */
export const contactMergeRoutes: RoutePlugin = (app, deps) => {
  app.post('/contact_merge', { schema: { tags: ['Contacts'], params: Type.Object({ account_id: Id }), body: MergeBody, response: { 200: ContactJson } } }, async (request) => {
    authorizeContact(request.actor, 'update');
    const base = await withTransaction(deps, async (tx) => {
      const baseContact = await loadContact(tx, request.account.id, request.body.base_contact_id, true);
      const mergee = await loadContact(tx, request.account.id, request.body.mergee_contact_id, true);
      return mergeContacts(ctxOf(request, deps, tx), baseContact, mergee);
    });
    return presentContact(base);
  });
};
