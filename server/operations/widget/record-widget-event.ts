import { eventActor, type Ctx } from '../../context.js';
import type { ContactInboxRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';

/** Widget event names Parley acts on; Chatwoot dispatches any name, and only these have listeners. */
export const WIDGET_EVENTS = ['webwidget.triggered'] as const;

/**
 * Records an event the widget reports (Widget::EventsController#create): `webwidget.triggered`
 * when the visitor opens the widget goes to the outbox with its event_info, for webhooks and
 * the inbox's agent bot. Unknown names are accepted and ignored, as Chatwoot's dispatcher does.
 */
export async function recordWidgetEvent(ctx: Ctx, contactInbox: ContactInboxRow, name: string, eventInfo: Record<string, unknown>): Promise<void> {
  if (!(WIDGET_EVENTS as readonly string[]).includes(name)) {
    return;
  }
  await recordEvent(ctx.db, {
    name: 'webwidget.triggered', accountId: ctx.accountId, actor: eventActor(ctx.actor),
    inboxId: contactInbox.inbox_id, contactId: contactInbox.contact_id, contactInboxId: contactInbox.id,
    data: { event_info: eventInfo },
  });
}
