import type { RoutePlugin } from '../../../../types.js';

/** Inbox members: list, create, update, delete. */
export const inboxMemberRoutes: RoutePlugin = (_app, _deps) => {};
