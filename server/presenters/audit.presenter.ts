import { Type, type Static } from '@sinclair/typebox';
import type { AuditRow } from '../db/schema.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** One entry of `audit_logs/show.json.jbuilder`. */
export const AuditLogJson = Type.Object({
  id: Type.Integer(),
  auditable_id: NullableInt,
  auditable_type: Type.String(),
  /** Chatwoot renders the record's push_event_data here when the model has one; Parley sends null (the record is named by type and id). */
  auditable: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  associated_id: Type.Integer(),
  associated_type: Type.String(),
  user_id: NullableInt,
  user_type: NullableString,
  username: NullableString,
  action: Type.String(),
  audited_changes: Type.Object({}, { additionalProperties: true }),
  version: Type.Integer(),
  comment: NullableString,
  request_uuid: NullableString,
  created_at: Type.Integer(),
  remote_address: NullableString,
});

/** The page: `per_page`, `total_entries`, `current_page`, `audit_logs`. */
export const AuditLogPageJson = Type.Object({
  per_page: Type.Integer(),
  total_entries: Type.Integer(),
  current_page: Type.Integer(),
  audit_logs: Type.Array(AuditLogJson),
});

/** Audit entry shape. */
export function presentAuditLog(row: AuditRow): Static<typeof AuditLogJson> {
  return {
    id: row.id,
    auditable_id: row.auditable_id,
    auditable_type: row.auditable_type,
    auditable: null,
    associated_id: row.associated_id,
    associated_type: row.associated_type,
    user_id: row.user_id,
    user_type: row.user_type,
    username: row.username,
    action: row.action,
    audited_changes: row.audited_changes,
    version: row.version,
    comment: row.comment,
    request_uuid: row.request_uuid,
    created_at: Math.floor(row.created_at / 1000),
    remote_address: row.remote_address,
  };
}
