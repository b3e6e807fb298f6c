import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  locale: string;
  domain: string | null;
  support_email: string | null;
  status: number;
  auto_resolve_duration: number | null;
  limits: Json;
  custom_attributes: Json;
  settings: Json;
  features: Json;
  /** Last conversation display_id handed out; bumped under the row lock, so no gaps. */
  last_conversation_display_id: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface UsersTable {
  id: Generated<number>;
  provider: string;
  uid: string;
  encrypted_password: string;
  name: string;
  display_name: string | null;
  email: string;
  pubsub_token: string;
  availability: number;
  ui_settings: Json;
  custom_attributes: Json;
  type: string | null;
  message_signature: string | null;
  avatar_url: string | null;
  confirmed_at: Ms | null;
  /** SHA-256 of the outstanding password-reset token (also the invitation's set-password link). */
  reset_password_token: string | null;
  reset_password_sent_at: Ms | null;
  /** SHA-256 of the outstanding email-confirmation token. */
  confirmation_token: string | null;
  confirmation_sent_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface AccountUsersTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  role: number;
  inviter_id: number | null;
  active_at: Ms | null;
  availability: number;
  auto_offline: boolean;
  /** A custom role given instead of the built-in agent permissions (enterprise custom roles). */
  custom_role_id: number | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface AccessTokensTable {
  id: Generated<number>;
  owner_type: 'User' | 'AgentBot' | 'PlatformApp';
  owner_id: number;
  /** SHA-256 hex of the token: the lookup key. */
  token_digest: string;
  /** The token encrypted with SECRET_KEY_BASE, so profile and bot views can show it again. */
  token_ciphertext: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface PlatformAppsTable {
  id: Generated<number>;
  name: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface PlatformAppPermissiblesTable {
  id: Generated<number>;
  platform_app_id: number;
  permissible_type: 'Account' | 'User' | 'AgentBot';
  permissible_id: number;
  created_at: Ms;
  updated_at: Ms;
}

/** Accounts, people and credentials. */
export interface AccountsTables {
  accounts: AccountsTable;
  users: UsersTable;
  account_users: AccountUsersTable;
  access_tokens: AccessTokensTable;
  platform_apps: PlatformAppsTable;
  platform_app_permissibles: PlatformAppPermissiblesTable;
}
