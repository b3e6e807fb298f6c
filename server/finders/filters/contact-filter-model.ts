import { sql } from 'kysely';
import { contactColumnContains, jsonText, type Executor } from '../../db/dialect.js';
import { customAttributeDefinitionRepository } from '../../repositories/custom-attribute-definition.repository.js';
import { customAttributeKind } from './custom-attribute-kinds.js';
import { customKeys, type FilterCondition, type FilterModel, type FilterOperator } from './filter-engine.js';

const CONTACT_ATTRIBUTE = 1;
const TEXT: FilterOperator[] = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'];
const EQUALITY: FilterOperator[] = ['equal_to', 'not_equal_to'];
const DATES: FilterOperator[] = ['is_greater_than', 'is_less_than', 'days_before'];
const PRESENCE: FilterOperator[] = ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'];

/**
 * The contact filter catalogue (filter_keys.yml `contacts`), with the account's contact
 * attribute definitions for the payload's other keys. Name, email and phone `contains`
 * answer from the trigram index.
 */
export async function contactFilterModel(db: Executor, accountId: number, payload: FilterCondition[]): Promise<FilterModel> {
  const additional = (key: string) => jsonText(db, sql.ref('contacts.additional_attributes'), key);
  const standard: FilterModel['standard'] = {
    name: { kind: { type: 'text', expr: sql.ref('contacts.name'), caseInsensitive: true, contains: (n) => contactColumnContains(db, 'name', n) }, operators: TEXT },
    phone_number: {
      kind: {
        type: 'text', expr: sql.ref('contacts.phone_number'), caseInsensitive: false,
        normalize: (value) => `+${value.replace(/\+/g, '')}`, contains: (n) => contactColumnContains(db, 'phone_number', n),
      },
      operators: [...TEXT, 'starts_with'],
    },
    email: { kind: { type: 'text', expr: sql.ref('contacts.email'), caseInsensitive: true, contains: (n) => contactColumnContains(db, 'email', n) }, operators: TEXT },
    identifier: { kind: { type: 'text', expr: sql.ref('contacts.identifier'), caseInsensitive: true }, operators: EQUALITY },
    country_code: { kind: { type: 'text', expr: additional('country_code'), caseInsensitive: true }, operators: EQUALITY },
    city: { kind: { type: 'text', expr: additional('city'), caseInsensitive: true }, operators: TEXT },
    company_name: { kind: { type: 'text', expr: additional('company_name'), caseInsensitive: true }, operators: TEXT },
    labels: { kind: { type: 'labels', taggableType: 'Contact', idRef: 'contacts.id' }, operators: PRESENCE },
    created_at: { kind: { type: 'timestamp', expr: sql.ref('contacts.created_at') }, operators: DATES },
    last_activity_at: { kind: { type: 'timestamp', expr: sql.ref('contacts.last_activity_at') }, operators: DATES },
    blocked: { kind: { type: 'boolean', expr: sql.ref('contacts.blocked') }, operators: EQUALITY },
  };
  const definitions = await customAttributeDefinitionRepository.findByKeys(db, accountId, CONTACT_ATTRIBUTE, customKeys({ standard }, payload));
  return {
    standard,
    custom: (key) => {
      const definition = definitions.get(key);
      return definition ? customAttributeKind(db, 'contacts', definition) : null;
    },
  };
}
