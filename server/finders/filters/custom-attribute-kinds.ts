import { sql } from 'kysely';
import { jsonBooleanText, jsonNumber, jsonText, type Executor } from '../../db/dialect.js';
import type { CustomAttributeDefinitionRow } from '../../db/schema.js';
import type { AttributeKind, FilterOperator } from './filter-engine.js';

const PRESENCE: FilterOperator[] = ['is_present', 'is_not_present'];

/**
 * How a custom attribute is filtered, from its definition's display type (Chatwoot's
 * ATTRIBUTE_TYPES): text, link and list as lower-cased text; number, currency and
 * percent as numbers; date as ISO date text; checkbox as a boolean.
 */
export function customAttributeKind(
  db: Executor, table: 'contacts' | 'conversations', definition: CustomAttributeDefinitionRow,
): { kind: AttributeKind; operators: readonly FilterOperator[] } {
  const column = sql.ref(`${table}.custom_attributes`);
  const key = definition.attribute_key;
  switch (definition.attribute_display_type) {
    case 1: case 2: case 3:
      return { kind: { type: 'number', expr: jsonNumber(db, column, key) }, operators: ['equal_to', 'not_equal_to', 'is_greater_than', 'is_less_than', ...PRESENCE] };
    case 5:
      return {
        kind: { type: 'date_text', expr: jsonText(db, column, key) },
        operators: ['equal_to', 'not_equal_to', 'is_greater_than', 'is_less_than', 'days_before', ...PRESENCE],
      };
    case 7:
      return { kind: { type: 'text', expr: jsonBooleanText(db, column, key), caseInsensitive: true }, operators: ['equal_to', 'not_equal_to', ...PRESENCE] };
    default:
      return {
        kind: { type: 'text', expr: jsonText(db, column, key), caseInsensitive: true },
        operators: ['equal_to', 'not_equal_to', 'contains', 'does_not_contain', 'starts_with', ...PRESENCE],
      };
  }
}
