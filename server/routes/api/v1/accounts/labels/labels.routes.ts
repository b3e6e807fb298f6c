import type { RoutePlugin } from '../../../../types.js';

/** Account labels: CRUD. */
export const labelRoutes: RoutePlugin = (_app, _deps) => {};
