import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Deps } from './context.js';
import { registerApiDocs } from './plugins/api-docs.js';
import { registerErrorHandler } from './plugins/errors.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { lazySchemaCompilers } from './plugins/lazy-schemas.js';
import { registerRoutes } from './routes/index.js';
import type { App } from './routes/types.js';

/** Largest number of files in one message (Chatwoot's limit). */
export const MAX_ATTACHMENTS = 15;

/** A Fastify instance with Parley's server options (body limit, Ajv settings, lazy schema compilers), no routes yet. */
function createApp(deps: Deps): App {
  return Fastify({
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
}

/** Builds the HTTP app on the given services, without listening. */
export async function buildApp(deps: Deps): Promise<App> {
  const app = createApp(deps);
  registerErrorHandler(app);
  await app.register(multipart, {
    limits: { fileSize: deps.env.maxUploadBytes, files: MAX_ATTACHMENTS, fields: 200, fieldSize: deps.env.maxBodyBytes },
    throwFileSizeLimit: true,
  });
  registerIdempotency(app, deps);
  await registerRoutes(app, deps);
  registerApiDocs(app, deps, createApp, registerRoutes);
  return app;
}
