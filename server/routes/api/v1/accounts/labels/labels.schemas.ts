import { Type } from '@sinclair/typebox';
import { LabelJson } from '../../../../../presenters/label.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AccountParams = Type.Object({ account_id: Id });
export const LabelParams = Type.Object({ account_id: Id, id: Id });

/** A string or null (one multi-type schema, so type coercion leaves null alone). */
const Nullable = (maxLength: number) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength }));

/** Create and update take the same fields, flat or inside `label`. */
export const LabelBody = Type.Object({
  title: Nullable(255),
  description: Nullable(20_000),
  color: Type.Optional(Type.String({ maxLength: 255, description: 'hex, #rgb or #rrggbb' })),
  show_on_sidebar: Type.Optional(Type.Boolean()),
});

export const LabelListResponse = { 200: Type.Object({ payload: Type.Array(LabelJson) }) };
export const LabelResponse = { 200: LabelJson };
export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };
