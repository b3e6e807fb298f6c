import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { NotificationRow } from '../../../../../db/schema.js';
import { loadNotificationViews } from '../../../../../finders/notification-views.finder.js';
import { invalid, orNotFound, unauthorized } from '../../../../../lib/errors.js';
import { changeNotification, deleteNotification } from '../../../../../operations/notifications/change-notification.js';
import { allFlags, DEFAULT_FLAGS, flagsOf } from '../../../../../operations/notifications/notification-types.js';
import { presentNotification, presentNotificationRaw, presentNotificationSetting } from '../../../../../presenters/notification.presenter.js';
import { notificationRepository } from '../../../../../repositories/notification.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { unwrapBody } from '../../../../wrapped-body.js';

const PER_PAGE = 15;
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const AccountParams = Type.Object({ account_id: Id });
const NotificationParams = Type.Object({ account_id: Id, id: Id });
const AnyObject = Type.Object({}, { additionalProperties: true });
const IncludeList = Type.Array(Type.Union([Type.Literal('read'), Type.Literal('snoozed')]), { maxItems: 2 });
const ListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  sort_order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  includes: Type.Optional(IncludeList),
  'includes[]': Type.Optional(IncludeList),
});
const ReadAllBody = Type.Object({
  primary_actor_type: Type.Optional(Type.String({ maxLength: 50 })),
  primary_actor_id: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1 })])),
});
/** `type: read` clears the read ones; anything else (or nothing) clears all, as Chatwoot. */
const DestroyAllBody = Type.Object({ type: Type.Optional(Type.String({ maxLength: 20 })) });
/** Unix seconds or an ISO-8601 time. */
const SnoozeBody = Type.Object({ snoozed_until: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 64 })])) });
const FLAG_NAMES = (channel: 'email' | 'push') => Type.Array(Type.Union(allFlags(channel).map((f) => Type.Literal(f))), { maxItems: 20 });
const SettingsBody = Type.Object({
  selected_email_flags: Type.Optional(FLAG_NAMES('email')),
  selected_push_flags: Type.Optional(FLAG_NAMES('push')),
});
const Empty = { 200: Type.Null({ description: 'Empty body' }) };

/** The calling user's id; bots and other actors have no notifications (401). */
function userIdOf(request: FastifyRequest): number {
  if (request.actor.type !== 'User') {
    throw unauthorized();
  }
  return request.actor.id;
}

/** The caller's notification in this account, or 404. */
async function loadNotification(db: Executor, request: FastifyRequest, id: number): Promise<NotificationRow> {
  return orNotFound(await notificationRepository.findById(db, request.account.id, userIdOf(request), id));
}

/** A snooze time from Unix seconds or a parsable date; 422 naming snoozed_until otherwise. */
function snoozeTime(value: number | string): number {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw invalid('snoozed_until', 'is not a valid time');
  }
  return ms;
}

/** `/notifications` (Chatwoot's NotificationsController): the caller's own notifications in the account. */
export const notificationRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Notifications'];

  app.get('/', { schema: { tags, params: AccountParams, querystring: ListQuery } }, async (request) => {
    const userId = userIdOf(request);
    const q = request.query;
    const filter = { includes: [...(q.includes ?? []), ...(q['includes[]'] ?? [])] };
    const page = q.page ?? 1;
    const rows = await notificationRepository.list(db, request.account.id, userId, filter, page, PER_PAGE, q.sort_order === 'asc');
    const counts = await notificationRepository.counts(db, request.account.id, userId, filter);
    const payload = (await loadNotificationViews(db, rows)).map(presentNotification);
    return { data: { meta: { unread_count: counts.unread_count, count: counts.count, current_page: page }, payload } };
  });

  app.get('/unread_count', { schema: { tags, params: AccountParams } }, async (request) => {
    const counts = await notificationRepository.counts(db, request.account.id, userIdOf(request), { includes: [] });
    return counts.unread_count;
  });

  app.post('/read_all', { preValidation: async (r) => { r.body ??= {}; }, schema: { tags, params: AccountParams, body: ReadAllBody, response: Empty } }, async (request, reply) => {
    const userId = userIdOf(request);
    const conversationId = request.body.primary_actor_type === 'Conversation' && request.body.primary_actor_id ? request.body.primary_actor_id : null;
    await notificationRepository.markAllRead(db, request.account.id, userId, conversationId);
    return reply.code(200).send(undefined as never);
  });

  app.post('/destroy_all', { preValidation: async (r) => { r.body ??= {}; }, schema: { tags, params: AccountParams, body: DestroyAllBody, response: Empty } }, async (request, reply) => {
    const which = request.body.type === 'read' ? 'read' : 'all';
    await notificationRepository.removeAll(db, request.account.id, userIdOf(request), which);
    return reply.code(200).send(undefined as never);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    schema: { tags, params: NotificationParams, response: { 200: AnyObject } },
    handler: async (request) => presentNotificationRaw(await withTransaction(deps, async (tx) =>
      changeNotification(ctxOf(request, deps, tx), await loadNotification(tx, request, request.params.id), { kind: 'read' }))),
  });

  app.post('/:id/unread', { schema: { tags, params: NotificationParams, response: { 200: AnyObject } } }, async (request) =>
    presentNotificationRaw(await withTransaction(deps, async (tx) =>
      changeNotification(ctxOf(request, deps, tx), await loadNotification(tx, request, request.params.id), { kind: 'unread' }))));

  app.post('/:id/snooze', { preValidation: async (r) => { r.body ??= {}; }, schema: { tags, params: NotificationParams, body: SnoozeBody, response: { 200: AnyObject } } }, async (request) => {
    const row = await loadNotification(db, request, request.params.id);
    if (request.body.snoozed_until === undefined) {
      return presentNotificationRaw(row);
    }
    const until = snoozeTime(request.body.snoozed_until);
    return presentNotificationRaw(await withTransaction(deps, async (tx) =>
      changeNotification(ctxOf(request, deps, tx), await loadNotification(tx, request, row.id), { kind: 'snooze', until })));
  });

  app.delete('/:id', { schema: { tags, params: NotificationParams, response: Empty } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => deleteNotification(ctxOf(request, deps, tx), await loadNotification(tx, request, request.params.id)));
    return reply.code(200).send(undefined as never);
  });
};

/** `/notification_settings`: the caller's email and push flags in this account. */
export const notificationSettingRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Notification settings'];

  app.get('/', { schema: { tags, params: AccountParams } }, async (request) =>
    presentNotificationSetting(await notificationRepository.ensureSetting(db, request.account.id, userIdOf(request), DEFAULT_FLAGS)));

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/',
    preValidation: [async (r) => { r.body ??= {}; }, unwrapBody('notification_settings')],
    schema: { tags, params: AccountParams, body: SettingsBody },
    handler: async (request) => {
      const userId = userIdOf(request);
      const setting = await withTransaction(deps, async (tx) => {
        const current = await notificationRepository.ensureSetting(tx, request.account.id, userId, DEFAULT_FLAGS);
        return notificationRepository.updateSetting(tx, current.id, {
          email_flags: flagsOf('email', request.body.selected_email_flags ?? []),
          push_flags: flagsOf('push', request.body.selected_push_flags ?? []),
        });
      });
      return presentNotificationSetting(setting);
    },
  });
};
