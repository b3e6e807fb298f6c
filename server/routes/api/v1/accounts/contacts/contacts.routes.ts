import type { RoutePlugin } from '../../../../types.js';

/** Contacts: create, list, show, update, delete, contact inboxes. */
export const contactRoutes: RoutePlugin = (_app, _deps) => {};
