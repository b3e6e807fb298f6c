import type { RoutePlugin } from '../../../types.js';
import { accountUserRoutes } from './account-users.routes.js';
import { platformAccountRoutes } from './accounts.routes.js';
import { platformAgentBotRoutes } from './agent-bots.routes.js';
import { platformUserRoutes } from './users.routes.js';

/** Platform API resources under `/platform/api/v1`, each with its own prefix (the platform-app auth hook sits on the scope). */
const RESOURCES: Array<[string, RoutePlugin]> = [
  ['/accounts', platformAccountRoutes],
  ['/accounts/:account_id/account_users', accountUserRoutes],
  ['/users', platformUserRoutes],
  ['/agent_bots', platformAgentBotRoutes],
];

/** Platform API: accounts, users, account users, agent bots. */
export const platformRoutes: RoutePlugin = async (app, deps) => {
  for (const [prefix, plugin] of RESOURCES) {
    await app.register(async (scope) => plugin(scope, deps), { prefix });
  }
};
