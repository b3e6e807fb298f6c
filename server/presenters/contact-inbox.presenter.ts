import { Type, type Static } from '@sinclair/typebox';
import { enumName, SENDER_NAME_TYPES } from '../../common/enums.js';
import type { ContactInboxRow, InboxRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { InboxSlimJson, presentInboxSlim } from './inbox.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A contact's presence in an inbox (§5.2, `api/v1/models/_contact_inbox`): `{source_id, inbox: InboxSlim}`. */
export const ContactInboxJson = Type.Object({ source_id: Type.String(), inbox: InboxSlimJson });

/** Contact inbox shape. */
export function presentContactInbox(contactInbox: ContactInboxRow, inbox: InboxRow): Static<typeof ContactInboxJson> {
  return { source_id: contactInbox.source_id, inbox: presentInboxSlim(inbox) };
}

/** An inbox where a contact can be reached (`contactable_inboxes` view: inbox first). */
export const ContactableInboxJson = Type.Object({ inbox: InboxSlimJson, source_id: Type.String() });

/** Contactable inbox shape. */
export function presentContactableInbox(inbox: InboxRow, sourceId: string): Static<typeof ContactableInboxJson> {
  return { inbox: presentInboxSlim(inbox), source_id: sourceId };
}

/** The inbox model rendered raw (`json.inbox @contact_inbox.inbox` in contacts/create): columns, ISO dates. */
export const RawInboxJson = Type.Object({
  id: Type.Integer(),
  channel_id: Type.Integer(),
  account_id: Type.Integer(),
  name: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
  channel_type: Type.String(),
  enable_auto_assignment: Type.Boolean(),
  greeting_enabled: Type.Boolean(),
  greeting_message: NullableString,
  email_address: NullableString,
  working_hours_enabled: Type.Boolean(),
  out_of_office_message: NullableString,
  timezone: Type.String(),
  enable_email_collect: Type.Boolean(),
  csat_survey_enabled: Type.Boolean(),
  allow_messages_after_resolved: Type.Boolean(),
  auto_assignment_config: AnyObject,
  lock_to_single_conversation: Type.Boolean(),
  portal_id: Type.Union([Type.Integer(), Type.Null()]),
  sender_name_type: Type.String(),
  business_name: NullableString,
  csat_config: AnyObject,
});

/** Raw inbox shape. */
export function presentInboxRaw(row: InboxRow): Static<typeof RawInboxJson> {
  return {
    id: row.id, channel_id: row.channel_id, account_id: row.account_id, name: row.name,
    created_at: toIso(row.created_at) as string, updated_at: toIso(row.updated_at) as string,
    channel_type: row.channel_type, enable_auto_assignment: row.enable_auto_assignment,
    greeting_enabled: row.greeting_enabled, greeting_message: row.greeting_message, email_address: row.email_address,
    working_hours_enabled: row.working_hours_enabled, out_of_office_message: row.out_of_office_message,
    timezone: row.timezone, enable_email_collect: row.enable_email_collect, csat_survey_enabled: row.csat_survey_enabled,
    allow_messages_after_resolved: row.allow_messages_after_resolved, auto_assignment_config: row.auto_assignment_config,
    lock_to_single_conversation: row.lock_to_single_conversation, portal_id: row.portal_id,
    sender_name_type: enumName(SENDER_NAME_TYPES, row.sender_name_type) ?? 'friendly',
    business_name: row.business_name, csat_config: row.csat_config,
  };
}
