import type { RoutePlugin } from '../../../types.js';

/** Platform API: accounts, users, account users, agent bots. */
export const platformRoutes: RoutePlugin = (_app, _deps) => {};
