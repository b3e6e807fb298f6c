import { CONTENT_TYPES, enumValue } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { ConversationRow, InboxRow } from '../../db/schema.js';
import { createMessage } from '../messages/create-message.js';

/** Chatwoot's `conversations.templates.csat_input_message_body`. */
export const CSAT_MESSAGE = 'Please rate the conversation';

type Json = Record<string, unknown>;

/** The survey rules of `csat_config` allow a survey for these labels (CsatSurveyService#csat_allowed_by_survey_rules?). */
function allowedByRules(config: Json, labels: string[]): boolean {
  const rules = (config.survey_rules ?? {}) as Json;
  const values = Array.isArray(rules.values) ? rules.values.map(String) : [];
  if (values.length === 0) {
    return true;
  }
  if (rules.operator === 'does_not_contain') {
    return values.every((label) => !labels.includes(label));
  }
  return values.some((label) => labels.includes(label));
}

/**
 * Asks the contact to rate a conversation that was just resolved (CsatSurveyService with
 * MessageTemplates::Template::CsatSurvey): when the inbox has CSAT enabled, no survey was
 * sent in the conversation yet and the survey rules allow it, a template message of
 * content type input_csat is created (content from csat_config.message, display_type
 * emoji unless configured). Returns whether a survey was sent.
 */
export async function sendCsatSurvey(ctx: Ctx, conversation: ConversationRow, inbox: InboxRow): Promise<boolean> {
  if (conversation.status !== 1 || !inbox.csat_survey_enabled) {
    return false;
  }
  const sent = await ctx.db.selectFrom('messages').select('id').where('conversation_id', '=', conversation.id)
    .where('content_type', '=', enumValue(CONTENT_TYPES, 'input_csat')).executeTakeFirst();
  const labels = conversation.cached_label_list.split(',').map((l) => l.trim()).filter((l) => l !== '');
  if (sent || !allowedByRules(inbox.csat_config ?? {}, labels)) {
    return false;
  }
  const config = inbox.csat_config ?? {};
  const content = typeof config.message === 'string' && config.message.trim() !== '' ? config.message : CSAT_MESSAGE;
  await createMessage(ctx, conversation, {
    content, messageType: 'template', private: false, contentType: 'input_csat',
    contentAttributes: { display_type: typeof config.display_type === 'string' ? config.display_type : 'emoji' },
    echoId: null, sourceId: null, externalCreatedAt: null, campaignId: null, templateParams: null, senderBotId: null,
    isVoiceMessage: false, uploads: [], withoutSender: true,
  });
  return true;
}
