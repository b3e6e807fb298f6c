import type { RoutePlugin } from '../../../../types.js';
import { publicContactRoutes } from './contacts.routes.js';
import { publicConversationRoutes } from './conversations.routes.js';
import { publicMessageRoutes } from './messages.routes.js';
import { InboxParams, PublicInboxResponse } from './public.schemas.js';
import { loadPublicInbox, publicErrorHandler } from './public-session.js';
import { presentPublicInbox } from '../../../../../presenters/public-inbox.presenter.js';
import { workingHourRepository } from '../../../../../repositories/working-hour.repository.js';

/** Resource route files under `/public/api/v1/inboxes/:inbox_identifier`, each with its own prefix. */
const RESOURCES: Array<[string, RoutePlugin]> = [
  ['/contacts', publicContactRoutes],
  ['/contacts/:contact_identifier/conversations', publicConversationRoutes],
  ['/contacts/:contact_identifier/conversations/:conversation_id/messages', publicMessageRoutes],
];

/**
 * The Client API of an API inbox (no token): the hook loads the inbox by its channel
 * identifier, so no route here can reach another inbox or a non-API inbox; 404s answer
 * in Rails' words.
 */
export const publicInboxScope: RoutePlugin = async (app, deps) => {
  app.addHook('onRequest', loadPublicInbox(deps));
  app.setErrorHandler(publicErrorHandler);
  app.get('/', { schema: { tags: ['Inbox API'], params: InboxParams, response: PublicInboxResponse } }, async (request) =>
    presentPublicInbox(request.publicInbox.channel, request.publicInbox.inbox,
      await workingHourRepository.listByInbox(deps.db.kysely, request.publicInbox.inbox.account_id, request.publicInbox.inbox.id)));
  for (const [prefix, plugin] of RESOURCES) {
    await app.register(async (scope) => plugin(scope, deps), { prefix });
  }
};
