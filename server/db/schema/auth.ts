import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

/** A signed-in client of a user (devise_token_auth's per-`client` token), stored hashed. */
export interface UserSessionsTable {
  id: Generated<number>;
  user_id: number;
  /** The `client` header value identifying this device or browser. */
  client: string;
  /** SHA-256 hex of the `access-token`. */
  token_digest: string;
  expires_at: Ms;
  ip_address: string | null;
  user_agent: string | null;
  last_activity_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

/** Failed sign-in counter for one key (`ip:…` or `email:…`) in the current window. */
export interface AuthThrottlesTable {
  id: Generated<number>;
  key: string;
  failures: number;
  window_started_at: Ms;
  created_at: Ms;
  updated_at: Ms;
}

/** An account's custom role: a named set of Chatwoot permissions given to agents instead of the built-in ones. */
export interface CustomRolesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  description: string | null;
  /** Permission names (`conversation_manage`, …). */
  permissions: string[];
  created_at: Ms;
  updated_at: Ms;
}

/** One audit-log entry (Chatwoot's `audits`): who did what to which record, with the changes. */
export interface AuditsTable {
  id: Generated<number>;
  auditable_type: string;
  auditable_id: number | null;
  /** Always `Account`: entries are listed per account. */
  associated_type: string;
  associated_id: number;
  user_id: number | null;
  user_type: string | null;
  username: string | null;
  /** `create`, `update`, `destroy`, or a named action such as `sign_in`. */
  action: string;
  audited_changes: Json;
  version: number;
  comment: string | null;
  remote_address: string | null;
  request_uuid: string | null;
  created_at: Ms;
}

/** Sign-in sessions, throttles, custom roles and the audit log. */
export interface AuthTables {
  user_sessions: UserSessionsTable;
  auth_throttles: AuthThrottlesTable;
  custom_roles: CustomRolesTable;
  audits: AuditsTable;
}
