import { ATTRIBUTE_DISPLAY_TYPES, ATTRIBUTE_MODELS, enumValue } from '../../../common/enums.js';
import type { CustomAttributeDefinitionRow } from '../../db/schema.js';
import { HttpError, humanize } from '../../lib/errors.js';

/** What create and update accept (Chatwoot's permitted custom_attribute_definition params). */
export interface DefinitionInput {
  attribute_display_name?: string | null;
  attribute_description?: string | null;
  attribute_display_type?: string | null;
  attribute_key?: string | null;
  attribute_model?: string | null;
  regex_pattern?: string | null;
  regex_cue?: string | null;
  attribute_values?: Array<string | number | boolean> | null;
}

/** The columns a definition input sets. */
export interface DefinitionValues {
  attribute_display_name: string;
  attribute_key: string;
  attribute_display_type: number;
  attribute_model: number;
  attribute_description: string | null;
  attribute_values: string[];
  regex_pattern: string | null;
  regex_cue: string | null;
}

/**
 * Keys that name a standard attribute of the model; a definition may not take one
 * (CustomAttributeDefinition::STANDARD_ATTRIBUTES, checked on create only).
 */
export const STANDARD_ATTRIBUTE_KEYS: Record<number, readonly string[]> = {
  0: ['status', 'priority', 'assignee_id', 'inbox_id', 'team_id', 'display_id', 'campaign_id', 'labels', 'browser_language',
    'country_code', 'referer', 'created_at', 'last_activity_at'],
  1: ['name', 'email', 'phone_number', 'identifier', 'country_code', 'city', 'company_name', 'created_at', 'last_activity_at',
    'referer', 'blocked'],
};

/** Letters, digits, underscore, dot and hyphen only (Chatwoot's attribute_key format). */
const KEY_FORMAT = /^[\p{L}\p{N}_.-]+$/u;

const blank = (value: string | null | undefined): boolean => value === null || value === undefined || value.trim() === '';

/**
 * Merges the input over the existing definition (null on create), normalizes it as
 * Chatwoot's model does (key and display name stripped) and validates every field,
 * throwing one 422 that names all the fields at fault, as Rails' RecordInvalid does.
 */
export function prepareDefinitionAttributes(existing: CustomAttributeDefinitionRow | null, input: DefinitionInput): DefinitionValues {
  const errors: Array<[string, string]> = [];
  const pick = <K extends keyof DefinitionInput>(key: K, current: DefinitionInput[K]) => (key in input ? input[key] : current);
  const name = pick('attribute_display_name', existing?.attribute_display_name);
  const key = pick('attribute_key', existing?.attribute_key);
  const displayType = pick('attribute_display_type', existing ? ATTRIBUTE_DISPLAY_TYPES[existing.attribute_display_type] : 'text');
  const model = pick('attribute_model', existing ? ATTRIBUTE_MODELS[existing.attribute_model] : 'conversation_attribute');
  const regex = pick('regex_pattern', existing?.regex_pattern ?? null);
  if (blank(name)) {
    errors.push(['attribute_display_name', "can't be blank"]);
  }
  if (blank(key)) {
    errors.push(['attribute_key', "can't be blank"]);
  } else if (!KEY_FORMAT.test((key as string).trim())) {
    errors.push(['attribute_key', 'must only contain letters, numbers, underscores, hyphens, and dots']);
  }
  const typeValue = blank(displayType) ? -1 : enumValue(ATTRIBUTE_DISPLAY_TYPES, displayType as string);
  if (typeValue < 0) {
    errors.push(['attribute_display_type', blank(displayType) ? "can't be blank" : 'is not included in the list']);
  }
  const modelValue = blank(model) ? -1 : enumValue(ATTRIBUTE_MODELS, model as string);
  if (modelValue < 0) {
    errors.push(['attribute_model', blank(model) ? "can't be blank" : 'is not included in the list']);
  }
  if (!existing && modelValue >= 0 && !blank(key) && STANDARD_ATTRIBUTE_KEYS[modelValue].includes((key as string).trim())) {
    errors.push(['attribute_key', 'The provided key is not allowed as it might conflict with default attributes.']);
  }
  if (!blank(regex) && !compiles(regex as string)) {
    errors.push(['regex_pattern', 'is not a valid regular expression']);
  }
  if (errors.length > 0) {
    throw new HttpError(422, { message: errors.map(([field, text]) => `${humanize(field)} ${text}`).join(', '), attributes: errors.map(([field]) => field) });
  }
  return {
    attribute_display_name: (name as string).trim(),
    attribute_key: (key as string).trim(),
    attribute_display_type: typeValue,
    attribute_model: modelValue,
    attribute_description: pick('attribute_description', existing?.attribute_description ?? null) ?? null,
    attribute_values: (pick('attribute_values', existing?.attribute_values ?? []) ?? []).map(String),
    regex_pattern: regex ?? null,
    regex_cue: pick('regex_cue', existing?.regex_cue ?? null) ?? null,
  };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
