import { CONTENT_TYPES, enumValue } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { MessageRow } from '../../db/schema.js';
import { invalid, unprocessable } from '../../lib/errors.js';
import { checkCsatRating, recordCsatResponse } from '../csat/record-csat-response.js';
import { updateContentAttributes } from '../messages/record-message-updated.js';

type Json = Record<string, unknown>;

const ITEM_KEYS = ['name', 'title', 'value'] as const;
const CSAT_KEYS = ['feedback_message', 'rating'] as const;
const MAX_TEXT = 10_000;
const CSAT_LOCK_DAYS = 14;
const DAY_MS = 86_400_000;

function isHash(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A permitted scalar (Rails' permit): strings up to MAX_TEXT, numbers, booleans, null. */
function isScalar(value: unknown): boolean {
  if (typeof value === 'string' && value.length > MAX_TEXT) {
    throw invalid('submitted_values', `is too long (maximum is ${MAX_TEXT} characters)`);
  }
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function pick(source: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) {
    if (key in source && isScalar(source[key])) {
      out[key] = source[key];
    }
  }
  return out;
}

/** One submitted item with only the keys Chatwoot permits: name, title, value, csat_survey_response{feedback_message, rating}. */
function permitItem(item: Json): Json {
  const out = pick(item, ITEM_KEYS);
  if (isHash(item.csat_survey_response)) {
    out.csat_survey_response = pick(item.csat_survey_response, CSAT_KEYS);
  }
  return out;
}

/** The permitted form of `submitted_values` (a hash or an array of hashes); undefined when nothing is permitted. */
function permitSubmittedValues(value: unknown): Json | Json[] | undefined {
  if (isHash(value)) {
    return permitItem(value);
  }
  if (Array.isArray(value)) {
    return value.filter(isHash).map(permitItem);
  }
  return undefined;
}

/** Whole days between the two instants' UTC dates (Ruby's Date subtraction). */
function daysBetween(from: number, to: number): number {
  return Math.floor(to / DAY_MS) - Math.floor(from / DAY_MS);
}

/**
 * The contact answers an interactive message (Client API PATCH messages/:id): the
 * permitted `submitted_values` are stored in content_attributes.submitted_values and
 * message.updated is recorded when that changes anything. A CSAT survey older than 14
 * days is locked (422); a CSAT answer needs a rating of 1 to 5 and is recorded in
 * csat_survey_responses (CsatSurveys::ResponseBuilder). Nothing permitted → nothing written.
 */
export async function submitMessageValues(ctx: Ctx, message: MessageRow, submittedValues: unknown, at: number): Promise<MessageRow> {
  if (message.content_type === enumValue(CONTENT_TYPES, 'input_csat') && daysBetween(message.created_at, at) > CSAT_LOCK_DAYS) {
    throw unprocessable('You cannot update the CSAT survey after 14 days');
  }
  const permitted = permitSubmittedValues(submittedValues);
  if (permitted === undefined) {
    return message;
  }
  if (message.content_type === enumValue(CONTENT_TYPES, 'input_csat')) {
    checkCsatRating(permitted);
  }
  const contentAttributes = { ...message.content_attributes, submitted_values: permitted };
  if (JSON.stringify(contentAttributes) === JSON.stringify(message.content_attributes)) {
    return message;
  }
  const updated = await updateContentAttributes(ctx, message, contentAttributes);
  await recordCsatResponse(ctx, updated);
  return updated;
}
