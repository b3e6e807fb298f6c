import { Type, type Static } from '@sinclair/typebox';
import { ATTRIBUTE_DISPLAY_TYPES, ATTRIBUTE_MODELS, enumName } from '../../common/enums.js';
import type { CustomAttributeDefinitionRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A custom attribute definition (`api/v1/models/_custom_attribute_definition.json.jbuilder`). */
export const CustomAttributeDefinitionJson = Type.Object({
  id: Type.Integer(),
  attribute_display_name: Type.String(),
  attribute_display_type: Type.String(),
  attribute_description: NullableString,
  attribute_key: Type.String(),
  regex_pattern: NullableString,
  regex_cue: NullableString,
  attribute_values: Type.Array(Type.Unknown()),
  attribute_model: Type.String(),
  default_value: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** Definition shape: enums by name, timestamps as ISO strings (Rails datetimes). */
export function presentCustomAttributeDefinition(row: CustomAttributeDefinitionRow): Static<typeof CustomAttributeDefinitionJson> {
  return {
    id: row.id,
    attribute_display_name: row.attribute_display_name,
    attribute_display_type: enumName(ATTRIBUTE_DISPLAY_TYPES, row.attribute_display_type) ?? 'text',
    attribute_description: row.attribute_description,
    attribute_key: row.attribute_key,
    regex_pattern: row.regex_pattern,
    regex_cue: row.regex_cue,
    attribute_values: row.attribute_values,
    attribute_model: enumName(ATTRIBUTE_MODELS, row.attribute_model) ?? 'conversation_attribute',
    default_value: row.default_value,
    created_at: toIso(row.created_at) as string,
    updated_at: toIso(row.updated_at) as string,
  };
}
