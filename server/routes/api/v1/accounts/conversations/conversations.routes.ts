import type { RoutePlugin } from '../../../../types.js';

/** Conversations: create, list, meta, show, status, priority, assignments, labels, attributes. */
export const conversationRoutes: RoutePlugin = (_app, _deps) => {};
