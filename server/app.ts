import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Deps } from './context.js';
import { registerErrorHandler } from './plugins/errors.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { lazySchemaCompilers } from './plugins/lazy-schemas.js';
import { registerRoutes } from './routes/index.js';
import type { App } from './routes/types.js';

/** Largest number of files in one message (Chatwoot's limit). */
export const MAX_ATTACHMENTS = 15;

/** Builds the HTTP app on the given services, without listening. */
export async function buildApp(deps: Deps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.env.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: deps.env.logLevel !== 'debug' }),
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: true, allErrors: true, useDefaults: true },
    },
    schemaController: { compilersFactory: lazySchemaCompilers() },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  await app.register(multipart, {
    limits: { fileSize: deps.env.maxUploadBytes, files: MAX_ATTACHMENTS, fields: 200, fieldSize: deps.env.maxBodyBytes },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Parley API (Chatwoot-compatible)', version: '1.0.0' },
      components: {
        securitySchemes: {
          userApiKey: { type: 'apiKey', in: 'header', name: 'api_access_token' },
          platformAppApiKey: { type: 'apiKey', in: 'header', name: 'api_access_token' },
        },
      },
    },
  });
  registerIdempotency(app, deps);
  await registerRoutes(app, deps);
  app.get('/api-docs', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
