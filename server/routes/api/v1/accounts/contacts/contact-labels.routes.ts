import { withTransaction } from '../../../../../context.js';
import { replaceContactLabels } from '../../../../../operations/contacts/replace-contact-labels.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { loadContact } from './contact-loader.js';
import { ContactLabelsBody, ContactLabelsResponse, ContactParams } from './contacts.schemas.js';

const tags = ['Contacts'];

/** A contact's labels: list them, replace the whole set. */
export const contactLabelRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/:id/labels', { schema: { tags, params: ContactParams, response: ContactLabelsResponse } }, async (request) => {
    authorizeContact(request.actor, 'show');
    const contact = await loadContact(db, request.account.id, request.params.id);
    return { payload: await taggingRepository.listTitles(db, request.account.id, 'Contact', contact.id) };
  });

  app.post('/:id/labels', { schema: { tags, params: ContactParams, body: ContactLabelsBody, response: ContactLabelsResponse } }, async (request) => {
    authorizeContact(request.actor, 'update');
    const titles = await withTransaction(deps, async (tx) => replaceContactLabels(
      ctxOf(request, deps, tx), await loadContact(tx, request.account.id, request.params.id, true), request.body?.labels ?? []));
    return { payload: titles };
  });
};
