import { Type, type Static } from '@sinclair/typebox';
import type { ChannelApiRow, InboxRow, WorkingHourRow } from '../db/schema.js';
import { presentWorkingHours, WorkingHourJson } from './working-hours.presenter.js';

/** An API inbox as the Client API shows it (`public/api/v1/inboxes/show.json.jbuilder` + `models/_inbox`). */
export const PublicInboxJson = Type.Object({
  identifier: Type.String(),
  identity_validation_enabled: Type.Boolean(),
  name: Type.String(),
  timezone: Type.String(),
  working_hours: Type.Array(WorkingHourJson),
  working_hours_enabled: Type.Boolean(),
  csat_survey_enabled: Type.Boolean(),
  greeting_enabled: Type.Boolean(),
});

/** Client API inbox shape; `identity_validation_enabled` is the channel's hmac_mandatory. */
export function presentPublicInbox(channel: ChannelApiRow, inbox: InboxRow, workingHours: WorkingHourRow[]): Static<typeof PublicInboxJson> {
  return {
    identifier: channel.identifier,
    identity_validation_enabled: channel.hmac_mandatory,
    name: inbox.name,
    timezone: inbox.timezone,
    working_hours: presentWorkingHours(workingHours),
    working_hours_enabled: inbox.working_hours_enabled,
    csat_survey_enabled: inbox.csat_survey_enabled,
    greeting_enabled: inbox.greeting_enabled,
  };
}
