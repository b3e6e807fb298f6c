import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUniqueViolation, uniqueViolationDetail } from '../db/dialect.js';
import { HttpError, humanize } from '../lib/errors.js';

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The field a schema-validation issue is about, as a dotted path (`message.content`). */
function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params.missingProperty ?? issue.params.additionalProperty;
  const field = [path, missing].filter((part) => part !== undefined && part !== '').join('.');
  return field || context || 'body';
}

/** A Rails-like sentence for a schema-validation issue. */
function sentenceOf(issue: ValidationIssue): string {
  switch (issue.keyword) {
    case 'required':
      return "can't be blank";
    case 'maxLength':
      return `is too long (maximum is ${issue.params.limit} characters)`;
    case 'minLength':
      return issue.params.limit === 1 ? "can't be blank" : `is too short (minimum is ${issue.params.limit} characters)`;
    case 'enum':
    case 'anyOf':
    case 'const':
      return 'is not included in the list';
    case 'type':
      return `must be a ${String(issue.params.type).replace(',', ' or ')}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

/**
 * The 422 body for a schema failure, naming every field at fault. A nullable field
 * fails every branch of its union; the branch that says most (too long, not in the
 * list) wins over the bare type mismatches, which are joined ("must be a null or string").
 */
function validationBody(error: FastifyError): { message: string; attributes: string[] } {
  const byField = new Map<string, ValidationIssue[]>();
  for (const issue of (error.validation ?? []) as ValidationIssue[]) {
    const field = fieldOf(issue, error.validationContext);
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  const sentences = [...byField].map(([field, issues]) => {
    const telling = issues.find((i) => i.keyword !== 'type' && i.keyword !== 'anyOf');
    if (telling) {
      return `${humanize(field)} ${sentenceOf(telling)}`;
    }
    const types = [...new Set(issues.filter((i) => i.keyword === 'type').map((i) => String(i.params.type)))];
    return types.length > 0 ? `${humanize(field)} must be a ${types.join(' or ').replace(/,/g, ' or ')}` : `${humanize(field)} ${sentenceOf(issues[0])}`;
  });
  return { message: sentences.join(', '), attributes: [...byField.keys()] };
}

/** The column a unique-constraint error names, best effort. */
function uniqueField(error: unknown): string {
  const detail = uniqueViolationDetail(error);
  const match = /\(([a-z_]+(?:, [a-z_]+)*)\)=|\.([a-z_]+)(?:,|$| )/.exec(detail);
  const columns = (match?.[1] ?? match?.[2] ?? 'record').split(', ');
  return columns.filter((c) => c !== 'account_id' && c !== 'inbox_id').pop() ?? 'record';
}

/** Maps every error to Chatwoot's status code and body; 5xx details stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).headers(error.headers).send(error.body);
    }
    if (error.validation) {
      return reply.code(422).send(validationBody(error));
    }
    if (isUniqueViolation(error)) {
      const field = uniqueField(error);
      return reply.code(422).send({ message: `${humanize(field)} has already been taken`, attributes: [field] });
    }
    if (error.code === '22003') {
      // PostgreSQL: a number too large for its column. Only ids get that far; Rails answers 404 for them too.
      return reply.code(404).send({ error: 'Resource could not be found' });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send({ error: 'Malformed JSON body', attributes: ['body'] });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({ error: 'Request body is too large', attributes: ['body'] });
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return reply.code(413).send({ error: 'Attachment is too large or there are too many', attributes: ['attachments'] });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send({ error: 'Unsupported content type', attributes: ['content-type'] });
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply.code(400).send({ error: 'Malformed multipart body', attributes: ['body'] });
      default:
        break;
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'Internal server error' });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Resource could not be found' }));
}
