import type { FastifyReply, FastifyRequest } from 'fastify';

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
