import { auditedValues, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ChannelApiRow, ChannelWebWidgetRow, InboxRow, WorkingHourRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { invalid } from '../../lib/errors.js';
import { randomToken } from '../../lib/tokens.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { channelWebWidgetRepository } from '../../repositories/channel-web-widget.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { apiChannelColumns, inboxColumns, type ApiChannelAttributes, type InboxAttributes } from './inbox-attributes.js';
import { DEFAULT_PRE_CHAT_FORM, webWidgetColumns, type WebWidgetAttributes } from './web-widget-attributes.js';
import { createDefaultWorkingHours } from './working-hours-attributes.js';

/** The channel row of an inbox of a built channel type. */
export type InboxChannel = ChannelApiRow | ChannelWebWidgetRow;

export interface CreateInboxInput extends InboxAttributes {
  /** The inbox's display name; required. */
  name: string;
  /** The channel to create with the inbox: `type` (`api` or `web_widget`) plus that channel's attributes. */
  channel: ApiChannelAttributes & WebWidgetAttributes & { type: string };
}

/** An API channel: random inbox identifier, HMAC token and webhook secret. */
async function createApiChannel(ctx: Ctx, input: ApiChannelAttributes): Promise<ChannelApiRow> {
  const values = apiChannelColumns(input);
  return channelApiRepository.insert(ctx.db, {
    account_id: ctx.accountId,
    webhook_url: values.webhook_url ?? null,
    identifier: randomToken(18),
    hmac_token: randomToken(18),
    hmac_mandatory: values.hmac_mandatory ?? false,
    additional_attributes: values.additional_attributes ?? {},
    secret: randomToken(18),
  });
}

/** A website channel: random website token and HMAC token; website_url is required. */
async function createWebWidgetChannel(ctx: Ctx, input: WebWidgetAttributes): Promise<ChannelWebWidgetRow> {
  if (input.website_url === undefined) {
    throw invalid('channel.website_url', "can't be blank");
  }
  const values = webWidgetColumns(input);
  return channelWebWidgetRepository.insert(ctx.db, {
    account_id: ctx.accountId,
    website_url: values.website_url as string,
    website_token: randomToken(18),
    hmac_token: randomToken(18),
    widget_color: '#1f93ff',
    feature_flags: 7,
    reply_time: 0,
    hmac_mandatory: false,
    pre_chat_form_enabled: false,
    pre_chat_form_options: DEFAULT_PRE_CHAT_FORM,
    continuity_via_email: true,
    allowed_domains: '',
    ...values,
  } as Parameters<typeof channelWebWidgetRepository.insert>[1]);
}

const CHANNELS: Record<string, { type: string; create: (ctx: Ctx, input: CreateInboxInput['channel']) => Promise<InboxChannel> }> = {
  api: { type: 'Channel::Api', create: createApiChannel },
  web_widget: { type: 'Channel::WebWidget', create: createWebWidgetChannel },
};

/** Creates an inbox with its channel (API or website) and its default weekly schedule, and records `inbox.created`. */
export async function createInbox(ctx: Ctx, input: CreateInboxInput): Promise<{ inbox: InboxRow; channel: InboxChannel; workingHours: WorkingHourRow[] }> {
  const kind = CHANNELS[input.channel.type];
  if (!kind) {
    throw invalid('channel.type', 'is not supported');
  }
  const inboxValues = inboxColumns(input);
  const channel = await kind.create(ctx, input.channel);
  const inbox = await inboxRepository.insert(ctx.db, {
    account_id: ctx.accountId,
    channel_id: channel.id,
    channel_type: kind.type,
    name: input.name,
    enable_auto_assignment: true,
    greeting_enabled: false,
    greeting_message: null,
    email_address: null,
    working_hours_enabled: false,
    out_of_office_message: null,
    timezone: 'UTC',
    enable_email_collect: true,
    csat_survey_enabled: false,
    allow_messages_after_resolved: true,
    auto_assignment_config: {},
    lock_to_single_conversation: false,
    portal_id: null,
    sender_name_type: 0,
    business_name: null,
    csat_config: {},
    avatar_url: null,
    ...inboxValues,
  });
  const workingHours = await createDefaultWorkingHours(ctx, inbox.id);
  await recordEvent(ctx.db, { name: 'inbox.created', accountId: ctx.accountId, actor: eventActor(ctx.actor), inboxId: inbox.id });
  await recordAudit(ctx, { auditableType: 'Inbox', auditableId: inbox.id, action: 'create', changes: auditedValues(inbox) });
  return { inbox, channel, workingHours };
}
