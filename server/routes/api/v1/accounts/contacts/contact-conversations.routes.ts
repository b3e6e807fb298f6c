import { findContactConversations } from '../../../../../finders/conversation.finder.js';
import { notFound } from '../../../../../lib/errors.js';
import { contactRepository } from '../../../../../repositories/contact.repository.js';
import type { RoutePlugin } from '../../../../types.js';
import { ContactConversationsParams, ConversationPayloadResponse } from '../conversations/conversations.schemas.js';
import { presentConversationRows } from '../conversations/load-conversation.js';

/** `GET /contacts/:contact_id/conversations`: the contact's latest conversations the caller may see. */
export const contactConversationRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/', {
    schema: { tags: ['Contacts'], params: ContactConversationsParams, response: ConversationPayloadResponse },
  }, async (request) => {
    const contact = await contactRepository.findById(db, request.account.id, request.params.contact_id);
    if (!contact) {
      throw notFound();
    }
    const conversations = await findContactConversations(db, request.actor, request.account.id, contact.id);
    return { payload: await presentConversationRows(db, request.actor, request.account.id, conversations) };
  });
};
