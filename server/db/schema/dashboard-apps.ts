import type { Generated } from 'kysely';
import type { Ms } from './types.js';

/** One frame of a dashboard app: Chatwoot's `{type: 'frame', url}`. */
export interface DashboardAppFrame { type: 'frame'; url: string }

/**
 * An account's dashboard app (Chatwoot's `DashboardApp`). `content` is stored as JSON text on
 * SQLite (the repository parses it: `content` is also the messages' text column, so it cannot
 * be in JSON_COLUMNS) and jsonb on PostgreSQL.
 */
export interface DashboardAppsTable {
  id: Generated<number>;
  account_id: number;
  /** Who created it; null once that user is deleted. */
  user_id: number | null;
  title: string;
  content: DashboardAppFrame[];
  created_at: Ms;
  updated_at: Ms;
}

export interface DashboardAppsTables {
  dashboard_apps: DashboardAppsTable;
}
