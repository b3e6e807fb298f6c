import { withTransaction } from '../../../../../context.js';
import { setContactAvatar } from '../../../../../operations/contacts/set-contact-avatar.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { presentContact } from '../../../../../presenters/contact.presenter.js';
import { fileStore } from '../../../../../storage/file-store.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { contactExtras, loadContact } from './contact-loader.js';
import { ContactParams, ContactResponse } from './contacts.schemas.js';

/** `DELETE /contacts/:id/avatar` (contacts#avatar): removes the avatar and answers the contact. */
export const contactAvatarRoutes: RoutePlugin = (app, deps) => {
  app.delete('/:id/avatar', { schema: { tags: ['Contacts'], params: ContactParams, response: ContactResponse } }, async (request) => {
    authorizeContact(request.actor, 'update');
    const { contact, replacedKey } = await withTransaction(deps, async (tx) =>
      setContactAvatar(ctxOf(request, deps, tx), await loadContact(tx, request.account.id, request.params.id, true), null));
    if (replacedKey) {
      await fileStore.remove(deps.env.storageDir, [replacedKey]);
    }
    const extras = await contactExtras(deps.db.kysely, [contact], true);
    return { payload: presentContact(contact, extras(contact)) };
  });
};
