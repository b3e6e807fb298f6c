import { sql } from 'kysely';
import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES } from '../../../common/enums.js';
import { jsonText, type Executor } from '../../db/dialect.js';
import { customAttributeDefinitionRepository } from '../../repositories/custom-attribute-definition.repository.js';
import { customAttributeKind } from './custom-attribute-kinds.js';
import { customKeys, type FilterCondition, type FilterModel, type FilterOperator } from './filter-engine.js';

const CONVERSATION_ATTRIBUTE = 0;
const EQUALITY: FilterOperator[] = ['equal_to', 'not_equal_to'];
const PRESENCE: FilterOperator[] = ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'];
const TEXT: FilterOperator[] = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'];
const DATES: FilterOperator[] = ['is_greater_than', 'is_less_than', 'days_before'];

/** The conversation filter catalogue (filter_keys.yml `conversations`), with the account's conversation attribute definitions. */
export async function conversationFilterModel(db: Executor, accountId: number, payload: FilterCondition[]): Promise<FilterModel> {
  const column = (name: string) => sql.ref(`conversations.${name}`);
  const additional = (key: string) => jsonText(db, sql.ref('conversations.additional_attributes'), key);
  const standard: FilterModel['standard'] = {
    status: { kind: { type: 'enum', expr: column('status'), names: CONVERSATION_STATUSES }, operators: EQUALITY },
    assignee_id: { kind: { type: 'number', expr: column('assignee_id') }, operators: PRESENCE },
    inbox_id: { kind: { type: 'number', expr: column('inbox_id') }, operators: PRESENCE },
    team_id: { kind: { type: 'number', expr: column('team_id') }, operators: PRESENCE },
    contact_id: { kind: { type: 'number', expr: column('contact_id') }, operators: EQUALITY },
    priority: { kind: { type: 'enum', expr: column('priority'), names: CONVERSATION_PRIORITIES }, operators: EQUALITY },
    display_id: { kind: { type: 'number', expr: column('display_id') }, operators: TEXT },
    campaign_id: { kind: { type: 'number', expr: column('campaign_id') }, operators: PRESENCE },
    labels: { kind: { type: 'labels', taggableType: 'Conversation', idRef: 'conversations.id' }, operators: PRESENCE },
    browser_language: { kind: { type: 'text', expr: additional('browser_language'), caseInsensitive: false }, operators: EQUALITY },
    conversation_language: { kind: { type: 'text', expr: additional('conversation_language'), caseInsensitive: false }, operators: EQUALITY },
    referer: { kind: { type: 'text', expr: additional('referer'), caseInsensitive: false }, operators: TEXT },
    created_at: { kind: { type: 'timestamp', expr: column('created_at') }, operators: DATES },
    last_activity_at: { kind: { type: 'timestamp', expr: column('last_activity_at') }, operators: DATES },
    mail_subject: { kind: { type: 'text', expr: additional('mail_subject'), caseInsensitive: false }, operators: TEXT },
  };
  const definitions = await customAttributeDefinitionRepository.findByKeys(db, accountId, CONVERSATION_ATTRIBUTE, customKeys({ standard }, payload));
  return {
    standard,
    custom: (key) => {
      const definition = definitions.get(key);
      return definition ? customAttributeKind(db, 'conversations', definition) : null;
    },
  };
}
