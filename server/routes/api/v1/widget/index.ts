import type { RoutePlugin } from '../../../types.js';
import { widgetContactRoutes } from './contact.routes.js';
import { widgetConversationRoutes } from './conversations.routes.js';
import { widgetMessageRoutes } from './messages.routes.js';
import { widgetMiscRoutes } from './misc.routes.js';
import { loadWebWidget } from './widget-session.js';

/** Resource route files under `/api/v1/widget`, each with its own prefix. */
const RESOURCES: Array<[string, RoutePlugin]> = [
  ['', widgetContactRoutes],
  ['/conversations', widgetConversationRoutes],
  ['/messages', widgetMessageRoutes],
  ['', widgetMiscRoutes],
];

/**
 * The widget API: every request names its website inbox by `website_token` and the
 * visitor by the `X-Auth-Token` header (a token from POST /config). The scope's hook
 * loads the inbox, checks the calling site and the rate limits before any route runs.
 */
export const widgetScope: RoutePlugin = async (app, deps) => {
  app.addHook('preValidation', loadWebWidget(deps));
  for (const [prefix, plugin] of RESOURCES) {
    await app.register(async (scope) => plugin(scope, deps), { prefix });
  }
};
