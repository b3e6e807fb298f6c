import type { RoutePlugin } from '../../../../types.js';

/** Inboxes (API channel): list, show, create, update, delete. */
export const inboxRoutes: RoutePlugin = (_app, _deps) => {};
