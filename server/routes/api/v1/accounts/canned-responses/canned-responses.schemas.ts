import { Type } from '@sinclair/typebox';
import { CannedResponseJson } from '../../../../../presenters/canned-response.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AccountParams = Type.Object({ account_id: Id });
export const CannedResponseParams = Type.Object({ account_id: Id, id: Id });
export const CannedResponseQuery = Type.Object({ search: Type.Optional(Type.String({ maxLength: 255 })) });

/** A string or null (one multi-type schema, so type coercion leaves null alone). */
const Nullable = (maxLength: number) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength }));

/** Create and update take the same fields, flat or inside `canned_response`. */
export const CannedResponseBody = Type.Object({
  short_code: Nullable(255),
  content: Nullable(20_000),
});

export const CannedResponseListResponse = { 200: Type.Array(CannedResponseJson) };
export const CannedResponseResponse = { 200: CannedResponseJson };
export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };
