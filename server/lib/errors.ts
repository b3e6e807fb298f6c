/**
 * Errors thrown by routes, policies and operations. One Fastify error handler
 * (plugins/errors.ts) turns them into Chatwoot's status codes and bodies.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : 'error');
  }
}

/** 404 `{"error":"Resource could not be found"}`. */
export function notFound(): HttpError {
  return new HttpError(404, { error: 'Resource could not be found' });
}

/** The row that was looked up, or Chatwoot's 404 when there is none (another account's row included). */
export function orNotFound<T>(row: T | null | undefined): T {
  if (row === null || row === undefined) {
    throw notFound();
  }
  return row;
}

/** 401 `{"error": message}`; Chatwoot answers policy denials with 401, not 403. */
export function unauthorized(message = 'You are not authorized to do this action'): HttpError {
  return new HttpError(401, { error: message });
}

/** 422 `{"message": "...", "attributes": [field]}` naming the field, as Rails' RecordInvalid. */
export function invalid(field: string, message: string): HttpError {
  return new HttpError(422, { message: `${humanize(field)} ${message}`, attributes: [field] });
}

/** 422 `{"error": message}` for rule failures that name no single column. */
export function unprocessable(message: string): HttpError {
  return new HttpError(422, { error: message });
}

/** 403 `{"error": message}`. */
export function forbidden(message: string): HttpError {
  return new HttpError(403, { error: message });
}

/** 429 with Retry-After (seconds) and `{"error": message}`. */
export function tooManyRequests(retryAfterSeconds: number, message = 'Too many requests. Retry later.'): HttpError {
  return new HttpError(429, { error: message }, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
}

/** 409 `{"error": message}`.*/
export function conflict(message: string): HttpError {
  return new HttpError(409, { error: message });
}

/** `custom_attributes` → `Custom attributes`, as Rails names attributes in messages. */
export function humanize(field: string): string {
  const words = field.replace(/_id$/, '').replace(/[_.[\]]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
