import { Type, type Static } from '@sinclair/typebox';
import type { AccountUserRow, NoteRow, UserRow } from '../db/schema.js';
import { toUnix } from '../lib/clock.js';
import { AgentJson, presentAgent } from './user.presenter.js';
import { inWireOrder } from './wire-order.js';

/**
 * A contact note (`api/v1/models/_note.json.jbuilder`). Chatwoot's partial writes
 * account_id and contact_id through a jbuilder slip that does not render the ids;
 * we send the real ids in those keys.
 */
export const NoteJson = inWireOrder(Type.Object({
  id: Type.Integer(),
  content: Type.String(),
  account_id: Type.Integer(),
  contact_id: Type.Integer(),
  user: Type.Optional(AgentJson),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
}));

/** The author of a note, when the user still exists and belongs to the account. */
export interface NoteAuthor {
  user: UserRow;
  membership: AccountUserRow;
}

/** Note shape; `user` is left out when the author is gone, as the partial does. */
export function presentNote(row: NoteRow, author: NoteAuthor | null): Static<typeof NoteJson> {
  return {
    id: row.id,
    content: row.content,
    account_id: row.account_id,
    contact_id: row.contact_id,
    ...(author ? { user: presentAgent(author.user, author.membership) } : {}),
    created_at: toUnix(row.created_at) as number,
    updated_at: toUnix(row.updated_at) as number,
  };
}
