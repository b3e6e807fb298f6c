import type { FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../../../context.js';
import type { Executor } from '../../../../db/dialect.js';
import type { PlatformAppPermissiblesTable } from '../../../../db/schema.js';
import { notFound, unauthorized } from '../../../../lib/errors.js';
import { platformAppRepository } from '../../../../repositories/platform-app.repository.js';

type PermissibleType = PlatformAppPermissiblesTable['permissible_type'];

/** The id of the calling platform app (the scope's auth hook guarantees the actor). */
export function appIdOf(request: FastifyRequest): number {
  return request.actor.id as number;
}

/** An operation context for a platform request, not tied to an account. */
export function platformCtx(request: FastifyRequest, deps: Deps, db: Executor = deps.db.kysely): Omit<Ctx, 'accountId'> {
  return { db, actor: request.actor, env: deps.env };
}

/**
 * 404 when the resource does not exist; 401 `Non permissible resource` when the
 * calling app did not create (or adopt) it — Chatwoot's `validate_platform_app_permissible`.
 */
export async function permitted<T extends { id: number }>(
  db: Executor,
  request: FastifyRequest,
  type: PermissibleType,
  row: T | undefined,
): Promise<T> {
  if (!row) {
    throw notFound();
  }
  if (!(await platformAppRepository.isPermissible(db, appIdOf(request), type, row.id))) {
    throw unauthorized('Non permissible resource');
  }
  return row;
}
