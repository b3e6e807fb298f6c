import type { Ctx } from '../../context.js';
import { HttpError, humanize } from '../../lib/errors.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';

/** Subscription names a webhook may list (Webhook::ALLOWED_WEBHOOK_EVENTS). */
export const ALLOWED_WEBHOOK_EVENTS = [
  'conversation_status_changed', 'conversation_updated', 'conversation_created', 'contact_created', 'contact_updated',
  'message_created', 'message_updated', 'webwidget_triggered', 'inbox_created', 'inbox_updated',
  'conversation_typing_on', 'conversation_typing_off',
] as const;

/** Webhook attributes as the API takes them (`webhook{inbox_id, name, url, subscriptions[]}`). */
export interface WebhookInput {
  /** Where events are POSTed: http or https, unique in the account. */
  url?: string | null;
  name?: string | null;
  /** Events to receive: non-empty, each from ALLOWED_WEBHOOK_EVENTS. */
  subscriptions?: string[] | null;
  /** Stored and echoed back; delivery does not filter on it (as Chatwoot). */
  inbox_id?: number | null;
}

/** Rails' URI::DEFAULT_PARSER.make_regexp(%w[http https]), approximately: a scheme, then a host. */
const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Checks the merged attributes as the model's validations do, collecting every error in one 422. */
export async function checkWebhook(ctx: Ctx, values: { url: string | null; subscriptions: unknown; inbox_id: number | null }, taken: boolean): Promise<void> {
  const errors: Array<[string, string]> = [];
  if (!values.url || !URL_PATTERN.test(values.url) || !URL.canParse(values.url)) {
    errors.push(['url', 'is invalid']);
  } else if (taken) {
    errors.push(['url', 'has already been taken']);
  }
  const subscriptions = values.subscriptions;
  const allowed: readonly string[] = ALLOWED_WEBHOOK_EVENTS;
  if (!Array.isArray(subscriptions) || subscriptions.length === 0 || subscriptions.some((s) => !allowed.includes(String(s)))) {
    errors.push(['subscriptions', 'Invalid events']);
  }
  if (values.inbox_id !== null && !(await inboxRepository.findById(ctx.db, ctx.accountId, values.inbox_id))) {
    errors.push(['inbox', 'must exist']);
  }
  if (errors.length > 0) {
    throw new HttpError(422, {
      message: errors.map(([field, message]) => `${humanize(field)} ${message}`).join(', '),
      attributes: errors.map(([field]) => field),
    });
  }
}

/** True when another webhook of the account already posts to `url`. */
export async function urlTaken(ctx: Ctx, url: string | null, exceptId: number | null): Promise<boolean> {
  if (!url) {
    return false;
  }
  let query = ctx.db.selectFrom('webhooks').select('id').where('account_id', '=', ctx.accountId).where('url', '=', url);
  if (exceptId !== null) {
    query = query.where('id', '!=', exceptId);
  }
  return (await query.executeTakeFirst()) !== undefined;
}
