import { sql } from 'kysely';
import type { RoutePlugin } from './types.js';

/** `GET /health`: 200 when the database (and Redis, when configured) answers. */
export const healthRoutes: RoutePlugin = (app, deps) => {
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.db.kysely);
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  });
};
