import { Type } from '@sinclair/typebox';

/** One condition of a custom filter (Chatwoot's filter payload). */
export const FilterCondition = Type.Object({
  attribute_key: Type.String({ minLength: 1, maxLength: 255 }),
  filter_operator: Type.String({ minLength: 1, maxLength: 50 }),
  values: Type.Optional(Type.Unknown({ description: 'a list of values (one for most operators); a single value is taken as a list of one' })),
  query_operator: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 10 })),
  custom_attribute_type: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 50 })),
});

export const FilterBody = Type.Object({
  payload: Type.Array(FilterCondition, { maxItems: 50 }),
  page: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.String({ pattern: '^[0-9]{1,9}$' })])),
});

