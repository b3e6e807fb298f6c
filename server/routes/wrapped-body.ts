import type { FastifyReply, FastifyRequest } from 'fastify';
import { unprocessable } from '../lib/errors.js';

/**
 * preValidation hook for Rails' params wrapper: `{"label":{"title":"x"}}` and
 * `{"title":"x"}` both arrive at the handler as `{"title":"x"}`. Keys inside the
 * wrapper win over the same keys outside it.
 */
export function unwrapBody(key: string) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const body = request.body as Record<string, unknown> | null | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return;
    }
    const inner = body[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const { [key]: _wrapper, ...rest } = body;
      request.body = { ...rest, ...(inner as Record<string, unknown>) };
    }
  };
}

/** preValidation hook: a request sent without a body validates as `{}` (Rails treats it as no params). */
export async function emptyBodyAsObject(request: FastifyRequest, _reply?: FastifyReply): Promise<void> {
  request.body ??= {};
}

/** The preValidation hooks of a resource whose body Rails wraps in `key`: no body is `{}`, then the wrapper is taken off. */
export function railsBody(key: string) {
  return [emptyBodyAsObject, unwrapBody(key)];
}

/** Rails' `params.require(key)`: a body with none of the resource's `fields` is refused with Chatwoot's 422. */
export function requireParams(body: object | undefined, key: string, fields: readonly string[]): void {
  if (!body || !fields.some((field) => field in body)) {
    throw unprocessable(`param is missing or the value is empty: ${key}`);
  }
}
