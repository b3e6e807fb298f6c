import { invalid } from '../../lib/errors.js';

const MAX_STRING = 1500;
const MAX_INTEGER = 9_999_999_999;

/**
 * Chatwoot's JsonbAttributesLengthValidator on additional_attributes and
 * custom_attributes: string values up to 1500 characters, integers up to 9999999999.
 */
export function checkConversationAttributes(field: 'additional_attributes' | 'custom_attributes', value: Record<string, unknown>): void {
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && item.length > MAX_STRING) {
      throw invalid(field, `${key} length should be < ${MAX_STRING}`);
    }
    if (typeof item === 'number' && Number.isInteger(item) && item > MAX_INTEGER) {
      throw invalid(field, `${key} value should be < ${MAX_INTEGER}`);
    }
  }
}
