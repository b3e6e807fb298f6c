import type { NotificationRow, NotificationSettingRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { allFlags, notificationTypeName, selectedFlags } from '../operations/notifications/notification-types.js';

type Data = Record<string, unknown>;

/** What a notification's presentation needs besides its row. */
export interface NotificationView {
  row: NotificationRow;
  /** The conversation's push data (Conversation#push_event_data). */
  primaryActor: Data | null;
  /** The message's or user's push data, when there is one. */
  secondaryActor: Data | null;
  /** The user's push data. */
  user: Data | null;
  /** `display_id` and inbox name, for the title. */
  displayId: number | null;
  inboxName: string;
  /** "Sender: first ten words" of the message the notification is about. */
  body: string;
}

/** Notification#push_message_title, from Chatwoot's English strings. */
export function notificationTitle(view: NotificationView): string {
  const id = view.displayId ?? view.row.primary_actor_id;
  switch (notificationTypeName(view.row.notification_type)) {
    case 'conversation_creation': return `A conversation (#${id}) has been created in ${view.inboxName}`;
    case 'conversation_assignment': return `A conversation (#${id}) has been assigned to you`;
    case 'assigned_conversation_new_message':
    case 'participating_conversation_new_message': return `A new message is created in conversation (#${id})`;
    case 'conversation_mention': return `You have been mentioned in conversation (#${id})`;
    default: return '';
  }
}

/** One item of `GET /notifications` (notifications/index.json.jbuilder). */
export function presentNotification(view: NotificationView): Data {
  const r = view.row;
  return {
    id: r.id,
    notification_type: notificationTypeName(r.notification_type),
    push_message_title: notificationTitle(view),
    push_message_body: view.body,
    primary_actor_type: r.primary_actor_type,
    primary_actor_id: r.primary_actor_id,
    primary_actor: view.primaryActor,
    read_at: toIso(r.read_at),
    secondary_actor: view.secondaryActor,
    user: view.user,
    created_at: Math.floor(r.created_at / 1000),
    last_activity_at: Math.floor(r.last_activity_at / 1000),
    snoozed_until: toIso(r.snoozed_until),
    meta: r.meta,
  };
}

/** Notification#push_event_data (cable frames); push_message_title repeats the body as upstream does. */
export function presentNotificationPush(view: NotificationView): Data {
  const r = view.row;
  return {
    id: r.id,
    notification_type: notificationTypeName(r.notification_type),
    primary_actor_type: r.primary_actor_type,
    primary_actor_id: r.primary_actor_id,
    read_at: toIso(r.read_at),
    secondary_actor: view.secondaryActor,
    user: view.user,
    created_at: Math.floor(r.created_at / 1000),
    last_activity_at: Math.floor(r.last_activity_at / 1000),
    snoozed_until: toIso(r.snoozed_until),
    meta: r.meta,
    account_id: r.account_id,
    primary_actor: view.primaryActor,
    push_message_title: view.body,
    push_message_body: view.body,
  };
}

/** The row as `render json: @notification` shows it (update, unread, snooze). */
export function presentNotificationRaw(r: NotificationRow): Data {
  return {
    id: r.id,
    account_id: r.account_id,
    user_id: r.user_id,
    notification_type: notificationTypeName(r.notification_type),
    primary_actor_type: r.primary_actor_type,
    primary_actor_id: r.primary_actor_id,
    secondary_actor_type: r.secondary_actor_type,
    secondary_actor_id: r.secondary_actor_id,
    read_at: toIso(r.read_at),
    created_at: toIso(r.created_at),
    updated_at: toIso(r.updated_at),
    snoozed_until: toIso(r.snoozed_until),
    last_activity_at: toIso(r.last_activity_at),
    meta: r.meta,
  };
}

/** `notification_settings/show.json.jbuilder`. */
export function presentNotificationSetting(s: NotificationSettingRow): Data {
  return {
    id: s.id,
    user_id: s.user_id,
    account_id: s.account_id,
    all_email_flags: allFlags('email'),
    selected_email_flags: selectedFlags('email', s.email_flags),
    all_push_flags: allFlags('push'),
    selected_push_flags: selectedFlags('push', s.push_flags),
  };
}
