import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../context.js';
import type { Executor } from '../db/dialect.js';

/** The Fastify instance routes are declared on, typed by their TypeBox schemas. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A file of routes: gets the scoped app and the services. */
export type RoutePlugin = (app: App, deps: Deps) => void | Promise<void>;

/** The operation context for an account-scoped request, on the given executor (usually the transaction). */
export function ctxOf(request: FastifyRequest, deps: Deps, db: Executor = deps.db.kysely): Ctx {
  return { db, actor: request.actor, accountId: request.account.id, env: deps.env, origin: { ip: request.ip, requestId: request.id } };
}
