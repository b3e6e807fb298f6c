import type { Deps } from '../context.js';
import type { App } from '../routes/types.js';

const OPENAPI = {
  info: { title: 'Parley API (Chatwoot-compatible)', version: '1.0.0' },
  components: {
    securitySchemes: {
      userApiKey: { type: 'apiKey', in: 'header', name: 'api_access_token' },
      platformAppApiKey: { type: 'apiKey', in: 'header', name: 'api_access_token' },
    },
  },
} as const;

/**
 * `GET /api-docs`: the OpenAPI document generated from the route schemas. It is built on
 * the first request, by a second app that registers the same routes under @fastify/swagger
 * and is closed once the document is out, so a server nobody asks for its docs never loads
 * swagger nor keeps its copy of every route (a few MB of an idle process). The document's
 * text is kept for the next requests.
 */
export function registerApiDocs(app: App, deps: Deps, createApp: (deps: Deps) => App, registerRoutes: (app: App, deps: Deps) => Promise<void>): void {
  let document: Promise<string> | null = null;
  const build = async (): Promise<string> => {
    const docs = createApp(deps);
    try {
      await docs.register((await import('@fastify/swagger')).default, { openapi: OPENAPI });
      await registerRoutes(docs, deps);
      await docs.ready();
      return JSON.stringify(docs.swagger());
    } finally {
      await docs.close();
    }
  };
  app.get('/api-docs', { schema: { hide: true } }, async (_request, reply) => {
    document ??= build().catch((error: unknown) => {
      document = null;
      throw error;
    });
    return reply.type('application/json; charset=utf-8').send(await document);
  });
}
