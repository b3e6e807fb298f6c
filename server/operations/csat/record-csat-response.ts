import { CONTENT_TYPES, enumValue } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { CsatSurveyResponseRow, MessageRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { now } from '../../lib/clock.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';

type Json = Record<string, unknown>;

/** The rating and feedback a CSAT message's submitted_values carry, if any. */
function answerOf(message: MessageRow): { rating: unknown; feedback: unknown } | null {
  const submitted = message.content_attributes.submitted_values;
  const response = submitted && typeof submitted === 'object' && !Array.isArray(submitted)
    ? (submitted as Json).csat_survey_response as Json | undefined : undefined;
  if (!response || response.rating === undefined || response.rating === null || response.rating === '') {
    return null;
  }
  return { rating: response.rating, feedback: response.feedback_message };
}

/** Throws 422 naming the rating unless the submitted values of a CSAT message carry a rating of 1 to 5 (or none). */
export function checkCsatRating(submittedValues: unknown): void {
  const response = submittedValues && typeof submittedValues === 'object' && !Array.isArray(submittedValues)
    ? (submittedValues as Json).csat_survey_response as Json | undefined : undefined;
  const rating = response?.rating;
  if (rating === undefined || rating === null || rating === '') {
    return;
  }
  const value = Number(rating);
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    throw invalid('submitted_values.csat_survey_response.rating', 'is not included in the list');
  }
}

/**
 * Records the contact's answer to a CSAT survey message (CsatSurveys::ResponseBuilder):
 * one csat_survey_responses row per message, created on the first rating and updated by
 * later ones, with the conversation's contact and assignee. Nothing for another kind of
 * message or a submission without a rating.
 */
export async function recordCsatResponse(ctx: Ctx, message: MessageRow): Promise<CsatSurveyResponseRow | null> {
  const answer = message.content_type === enumValue(CONTENT_TYPES, 'input_csat') ? answerOf(message) : null;
  const conversation = answer ? await conversationRepository.findById(ctx.db, ctx.accountId, message.conversation_id) : undefined;
  if (!answer || !conversation) {
    return null;
  }
  const at = now();
  const values = {
    rating: Number(answer.rating),
    feedback_message: typeof answer.feedback === 'string' ? answer.feedback : null,
    updated_at: at,
  };
  return ctx.db.insertInto('csat_survey_responses').values({
    ...values, account_id: ctx.accountId, conversation_id: conversation.id, message_id: message.id,
    contact_id: conversation.contact_id, assigned_agent_id: conversation.assignee_id, csat_review_notes: null,
    review_notes_updated_at: null, review_notes_updated_by_id: null, created_at: at,
  }).onConflict((oc) => oc.column('message_id').doUpdateSet(values)).returningAll().executeTakeFirstOrThrow();
}
