import { Type } from '@sinclair/typebox';
import { CustomAttributeDefinitionJson } from '../../../../../presenters/custom-attribute-definition.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AccountParams = Type.Object({ account_id: Id });
export const DefinitionParams = Type.Object({ account_id: Id, id: Id });

export const ListDefinitionsQuery = Type.Object({
  attribute_model: Type.Optional(Type.String({ maxLength: 50, description: 'contact_attribute or conversation_attribute (or 1 / 0); all when absent' })),
});

/** A string or null (one multi-type schema, so type coercion leaves null alone). */
const Nullable = (maxLength: number) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength }));

/** Create and update take the same fields, flat or inside `custom_attribute_definition`. */
export const DefinitionBody = Type.Object({
  attribute_display_name: Nullable(255),
  attribute_description: Nullable(20_000),
  attribute_display_type: Nullable(50),
  attribute_key: Nullable(255),
  attribute_model: Nullable(50),
  regex_pattern: Nullable(1000),
  regex_cue: Nullable(1000),
  attribute_values: Type.Optional(Type.Union([
    Type.Null(),
    Type.Array(Type.Union([Type.String({ maxLength: 255 }), Type.Number(), Type.Boolean()]), { maxItems: 1000 }),
  ])),
});

export const DefinitionListResponse = { 200: Type.Array(CustomAttributeDefinitionJson) };
export const DefinitionResponse = { 200: CustomAttributeDefinitionJson };
export const NoContentResponse = { 204: Type.Null({ description: 'No content' }) };
