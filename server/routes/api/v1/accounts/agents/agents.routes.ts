import type { RoutePlugin } from '../../../../types.js';

/** Agents of the account: list, create, update, delete. */
export const agentRoutes: RoutePlugin = (_app, _deps) => {};
