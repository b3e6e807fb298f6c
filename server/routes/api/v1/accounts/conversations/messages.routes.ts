import type { RoutePlugin } from '../../../../types.js';

/** Messages of a conversation: list, create, update, delete. */
export const messageRoutes: RoutePlugin = (_app, _deps) => {};
