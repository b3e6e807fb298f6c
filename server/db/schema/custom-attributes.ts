import type { Generated } from 'kysely';
import type { Ms } from './types.js';

export interface CustomAttributeDefinitionsTable {
  id: Generated<number>;
  account_id: number;
  attribute_display_name: string;
  attribute_key: string;
  /** text 0, number 1, currency 2, percent 3, link 4, date 5, list 6, checkbox 7. */
  attribute_display_type: number;
  /** conversation_attribute 0, contact_attribute 1. */
  attribute_model: number;
  attribute_description: string | null;
  /** The choices of a list attribute. */
  attribute_values: string[];
  default_value: number | null;
  regex_pattern: string | null;
  regex_cue: string | null;
  created_at: Ms;
  updated_at: Ms;
}

/** The account's definitions of custom attributes on contacts and conversations. */
export interface CustomAttributesTables {
  custom_attribute_definitions: CustomAttributeDefinitionsTable;
}
