import { Type, type Static } from '@sinclair/typebox';
import type { CannedResponseRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

/** A canned response as Rails renders the record (`render json: @canned_response`): columns in table order. */
export const CannedResponseJson = Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  short_code: Type.String(),
  content: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** Canned response shape. */
export function presentCannedResponse(row: CannedResponseRow): Static<typeof CannedResponseJson> {
  return {
    id: row.id, account_id: row.account_id, short_code: row.short_code, content: row.content,
    created_at: toIso(row.created_at) as string, updated_at: toIso(row.updated_at) as string,
  };
}
