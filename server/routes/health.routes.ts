import { sql } from 'kysely';
import { redisAnswers } from '../lib/redis.js';
import type { RoutePlugin } from './types.js';

/** `GET /health`: 200 when the database (and Redis, when configured) answers, else 503 naming what is down. */
export const healthRoutes: RoutePlugin = (app, deps) => {
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    const database = await sql`SELECT 1`.execute(deps.db.kysely).then(() => 'up', (error) => {
      app.log.error({ err: error }, 'health check: database unreachable');
      return 'down';
    });
    const redis = deps.redis ? ((await redisAnswers(deps.redis)) ? 'up' : 'down') : undefined;
    const healthy = database === 'up' && redis !== 'down';
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable', database, ...(redis ? { redis } : {}) });
  });
};
