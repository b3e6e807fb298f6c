import { sql, type Expression, type SqlBool } from 'kysely';
import { containsIgnoringCase, escapeLike, isPostgres, type Executor } from '../../db/dialect.js';
import { unprocessable } from '../../lib/errors.js';

/**
 * Chatwoot's custom filters (FilterService): a payload of conditions, each an
 * attribute, an operator and values, chained by AND / OR (AND binds tighter, as in
 * SQL). One engine for every model: a model describes its standard attributes and
 * how its custom attributes are read; this module validates and builds the SQL.
 */
export const FILTER_OPERATORS = [
  'equal_to', 'not_equal_to', 'contains', 'does_not_contain', 'is_present', 'is_not_present',
  'is_greater_than', 'is_less_than', 'days_before', 'starts_with',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One condition of the payload, as sent. */
export interface FilterCondition {
  attribute_key: string;
  filter_operator: string;
  values?: unknown;
  query_operator?: string | null;
}

/** How an attribute is compared. */
export type AttributeKind =
  /** Text; `caseInsensitive` compares lower-cased; `contains` may answer from an index. */
  | { type: 'text'; expr: Expression<unknown>; caseInsensitive: boolean; normalize?: (value: string) => string; contains?: (needle: string) => Expression<SqlBool> }
  | { type: 'number'; expr: Expression<unknown> }
  /** An integer column holding an enum's index; `all` stands for every value. */
  | { type: 'enum'; expr: Expression<unknown>; names: readonly string[] }
  | { type: 'boolean'; expr: Expression<unknown> }
  /** Epoch milliseconds, compared by UTC calendar day as Chatwoot's `::date`. */
  | { type: 'timestamp'; expr: Expression<unknown> }
  /** ISO date text (`YYYY-MM-DD…`), compared by its first ten characters. */
  | { type: 'date_text'; expr: Expression<unknown> }
  | { type: 'labels'; taggableType: 'Contact' | 'Conversation'; idRef: string };

/** A standard attribute: its kind and the operators Chatwoot allows on it (lib/filters/filter_keys.yml). */
export interface StandardAttribute {
  kind: AttributeKind;
  operators: readonly FilterOperator[];
}

/** A model's filter catalogue. */
export interface FilterModel {
  standard: Record<string, StandardAttribute>;
  /** The kind and operators of a custom attribute defined in the account, or null when the key is not defined. */
  custom(key: string): { kind: AttributeKind; operators: readonly FilterOperator[] } | null;
}

const DAY_MS = 86_400_000;

/** Chatwoot's CustomExceptions::CustomFilter messages, answered as 422 `{error}`. */
export const filterErrors = {
  attribute: (key: string, allowed: string[]) => unprocessable(
    `Invalid attribute key - [${key}]. The key should be one of [${allowed.join(',')}] or a custom attribute defined in the account.`),
  operator: (key: string, allowed: readonly string[]) => unprocessable(`Invalid operator. The allowed operators for ${key} are [${allowed.join(',')}].`),
  queryOperator: () => unprocessable('Query operator must be either "AND" or "OR".'),
  value: (key: string) => unprocessable(`Invalid value. The values provided for ${key} are invalid`),
};

/** The custom attribute keys of a payload: every key that is not a standard attribute. */
export function customKeys(model: Pick<FilterModel, 'standard'>, payload: FilterCondition[]): string[] {
  return payload.map((c) => c.attribute_key).filter((key) => !(key in model.standard));
}

/**
 * The WHERE expression of a payload: validates every condition first (query
 * operators, attribute, operator, values) and throws the first 422; builds the
 * conditions, grouped into ORs of ANDs. An empty payload matches everything.
 */
export function buildFilter(db: Executor, model: FilterModel, payload: FilterCondition[]): Expression<SqlBool> {
  const joins = payload.map((condition) => {
    const op = condition.query_operator;
    if (op === null || op === undefined || op === '') {
      return 'AND';
    }
    const upper = op.toUpperCase();
    if (upper !== 'AND' && upper !== 'OR') {
      throw filterErrors.queryOperator();
    }
    return upper;
  });
  const built = payload.map((condition) => buildCondition(db, model, condition));
  if (built.length === 0) {
    return sql<SqlBool>`1 = 1`;
  }
  const groups: Array<Array<Expression<SqlBool>>> = [[built[0]]];
  for (let i = 1; i < built.length; i += 1) {
    if (joins[i - 1] === 'OR') {
      groups.push([built[i]]);
    } else {
      groups[groups.length - 1].push(built[i]);
    }
  }
  const ands = groups.map((group) => (group.length === 1 ? group[0] : sql<SqlBool>`(${sql.join(group, sql` AND `)})`));
  return ands.length === 1 ? ands[0] : sql<SqlBool>`(${sql.join(ands, sql` OR `)})`;
}

function buildCondition(db: Executor, model: FilterModel, condition: FilterCondition): Expression<SqlBool> {
  const key = condition.attribute_key;
  const attribute = model.standard[key] ?? model.custom(key);
  if (!attribute) {
    throw filterErrors.attribute(key, Object.keys(model.standard));
  }
  const operator = condition.filter_operator as FilterOperator;
  if (!attribute.operators.includes(operator)) {
    throw filterErrors.operator(key, attribute.operators);
  }
  const values = valuesOf(condition.values);
  if (operator !== 'is_present' && operator !== 'is_not_present' && values.length === 0) {
    throw filterErrors.value(key);
  }
  const custom = !(key in model.standard);
  return compare(db, attribute.kind, operator, values, key, custom);
}

/** Values as a list: a scalar becomes one value; `{id, name}` options become their id. */
function valuesOf(raw: unknown): unknown[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw];
  return list.map((value) => (value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value))
    .filter((value) => value !== null && value !== undefined && value !== '');
}

function compare(db: Executor, kind: AttributeKind, operator: FilterOperator, values: unknown[], key: string, custom: boolean): Expression<SqlBool> {
  if (kind.type === 'labels') {
    return labelCondition(kind, operator, values.map(String));
  }
  const expr = kind.expr;
  switch (operator) {
    case 'is_present':
      return sql<SqlBool>`${expr} IS NOT NULL`;
    case 'is_not_present':
      return sql<SqlBool>`${expr} IS NULL`;
    case 'equal_to':
    case 'not_equal_to': {
      const [target, list] = equalityOperands(db, kind, values, key);
      const inList = sql<SqlBool>`${target} IN (${sql.join(list)})`;
      if (operator === 'equal_to') {
        return inList;
      }
      // A custom attribute the record lacks counts as "not equal" (Chatwoot's not_in_custom_attr_query).
      return custom ? sql<SqlBool>`(NOT (${inList}) OR ${expr} IS NULL)` : sql<SqlBool>`NOT (${inList})`;
    }
    case 'contains':
    case 'does_not_contain': {
      const needles = values.map((value) => String(value).trim());
      const one = (needle: string) => (kind.type === 'text' && kind.contains ? kind.contains(needle) : containsIgnoringCase(db, sql`CAST(${expr} AS text)`, needle));
      const any = sql<SqlBool>`(${sql.join(needles.map(one), sql` OR `)})`;
      return operator === 'contains' ? any : sql<SqlBool>`(${expr} IS NOT NULL AND NOT ${any})`;
    }
    case 'starts_with': {
      const prefixes = values.map((value) => String(value));
      const like = isPostgres(db) ? sql`ILIKE` : sql`LIKE`;
      return sql<SqlBool>`(${sql.join(prefixes.map((p) => sql`${expr} ${like} ${`${escapeLike(p)}%`} ESCAPE '\\'`), sql` OR `)})`;
    }
    case 'is_greater_than':
    case 'is_less_than':
      return ordering(db, kind, operator === 'is_greater_than' ? '>' : '<', values[0], key);
    case 'days_before': {
      const days = Number(values[0]);
      if (!Number.isInteger(days)) {
        throw filterErrors.value(key);
      }
      const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
      return ordering(db, kind, '<', new Date(today - days * DAY_MS).toISOString().slice(0, 10), key);
    }
    default:
      throw filterErrors.operator(key, FILTER_OPERATORS);
  }
}

/** The compared expression and the value list of an equality, per kind. */
function equalityOperands(db: Executor, kind: Exclude<AttributeKind, { type: 'labels' }>, values: unknown[], key: string): [Expression<unknown>, unknown[]] {
  switch (kind.type) {
    case 'text': {
      const texts = values.map((value) => (kind.normalize ? kind.normalize(String(value)) : String(value)));
      return kind.caseInsensitive ? [sql`lower(${kind.expr})`, texts.map((text) => text.toLowerCase())] : [kind.expr, texts];
    }
    case 'number':
      return [kind.expr, values.map((value) => numberOf(value, key))];
    case 'enum': {
      if (values.includes('all')) {
        return [kind.expr, kind.names.map((_, index) => index)];
      }
      return [kind.expr, values.map((value) => {
        const index = kind.names.indexOf(String(value));
        if (index < 0) {
          throw filterErrors.value(key);
        }
        return index;
      })];
    }
    case 'boolean':
      return [kind.expr, values.map((value) => booleanOf(db, value, key))];
    case 'timestamp':
      throw filterErrors.value(key);
    case 'date_text':
      return [sql`substr(${kind.expr}, 1, 10)`, values.map((value) => dateOf(value, key))];
    default:
      throw filterErrors.value(key);
  }
}

/** `>` / `<` for numbers and dates; Chatwoot refuses them on other types. */
function ordering(db: Executor, kind: AttributeKind, op: '>' | '<', value: unknown, key: string): Expression<SqlBool> {
  switch (kind.type) {
    case 'number':
      return sql<SqlBool>`${kind.expr} ${sql.raw(op)} ${numberOf(value, key)}`;
    case 'timestamp': {
      // `created_at::date > D` is "from the next day on"; `< D` is "before D".
      const day = new Date(dateOf(value, key)).getTime();
      return op === '>' ? sql<SqlBool>`${kind.expr} >= ${day + DAY_MS}` : sql<SqlBool>`${kind.expr} < ${day}`;
    }
    case 'date_text':
      return sql<SqlBool>`substr(${kind.expr}, 1, 10) ${sql.raw(op)} ${dateOf(value, key)}`;
    default:
      throw filterErrors.value(key);
  }
}

function numberOf(value: unknown, key: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number)) {
    throw filterErrors.value(key);
  }
  return number;
}

function booleanOf(db: Executor, value: unknown, key: string): boolean | number {
  const truth = value === true || value === 'true' ? true : value === false || value === 'false' ? false : null;
  if (truth === null) {
    throw filterErrors.value(key);
  }
  return isPostgres(db) ? truth : truth ? 1 : 0;
}

/** An ISO date (`2024-05-01`, or a timestamp whose date part is taken), as `YYYY-MM-DD`. */
function dateOf(value: unknown, key: string): string {
  const text = String(value);
  const day = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
  if (!day || Number.isNaN(Date.parse(day)) || new Date(day).toISOString().slice(0, 10) !== day) {
    throw filterErrors.value(key);
  }
  return day;
}

/** Labels: carried (any of the titles), not carried, any label, no label (Chatwoot's tag_filter_query). */
function labelCondition(kind: Extract<AttributeKind, { type: 'labels' }>, operator: FilterOperator, titles: string[]): Expression<SqlBool> {
  const tagged = sql`SELECT 1 FROM taggings WHERE taggings.taggable_id = ${sql.ref(kind.idRef)}
    AND taggings.taggable_type = ${kind.taggableType} AND taggings.context = 'labels'`;
  const withTitles = sql`${tagged} AND taggings.tag_id IN (SELECT tags.id FROM tags WHERE tags.name IN (${sql.join(titles.length > 0 ? titles : [''])}))`;
  switch (operator) {
    case 'equal_to':
      return sql<SqlBool>`EXISTS (${withTitles})`;
    case 'not_equal_to':
      return sql<SqlBool>`NOT EXISTS (${withTitles})`;
    case 'is_present':
      return sql<SqlBool>`EXISTS (${tagged})`;
    default:
      return sql<SqlBool>`NOT EXISTS (${tagged})`;
  }
}
