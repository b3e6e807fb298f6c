import { sql, type Migration } from 'kysely';
import { now } from '../lib/clock.js';
import type { Db } from './connect.js';
import * as core from './migrations/0001-core.js';
import * as jobsWebhooks from './migrations/0002-jobs-webhooks.js';
import * as contactsSearch from './migrations/0003-contacts-search.js';
import * as contactsData from './migrations/0004-contacts-data.js';
import * as authRoles from './migrations/0005-auth-roles.js';
import * as teamsAssignment from './migrations/0006-teams-assignment.js';
import * as webhooksOps from './migrations/0007-webhooks-ops.js';
import * as webhookDeliveriesOpen from './migrations/0007b-webhook-deliveries-open.js';
import * as webWidget from './migrations/0008-web-widget.js';
import * as dashboard from './migrations/0009-dashboard.js';
import * as dashboardApps from './migrations/0010-dashboard-apps.js';
import * as workingHours from './migrations/0011-working-hours.js';
import * as receiverHealth from './migrations/0013-receiver-health.js';
import * as contactsSearchMerging from './migrations/0014-contacts-search-merging.js';

/** Every migration, in order; one set for both engines. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-jobs-webhooks': jobsWebhooks,
  '0003-contacts-search': contactsSearch,
  '0004-contacts-data': contactsData,
  '0005-auth-roles': authRoles,
  '0006-teams-assignment': teamsAssignment,
  '0007-webhooks-ops': webhooksOps,
  '0007b-webhook-deliveries-open': webhookDeliveriesOpen,
  '0008-web-widget': webWidget,
  '0009-dashboard': dashboard,
  '0010-dashboard-apps': dashboardApps,
  '0011-working-hours': workingHours,
  '0013-receiver-health': receiverHealth,
  '0014-contacts-search-merging': contactsSearchMerging,
};

/**
 * Brings the schema up to date in one transaction (both engines have transactional
 * DDL): all pending migrations apply, or none. On PostgreSQL an advisory lock keyed by
 * the schema makes concurrent starts wait for each other. Only the current schema is
 * ever read: no catalog-wide lookups, so other schemas changing at the same time
 * cannot disturb it.
 */
export async function migrate(db: Db): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS parley_schema_migrations (name text PRIMARY KEY, applied_at bigint NOT NULL)`
    .execute(db.kysely);
  return db.kysely.transaction().execute(async (tx) => {
    if (db.dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext('parley_schema_migrations'), hashtext(current_schema()))`.execute(tx);
    }
    const { rows } = await sql<{ name: string }>`SELECT name FROM parley_schema_migrations`.execute(tx);
    const applied = new Set(rows.map((row) => row.name));
    const ran: string[] = [];
    for (const [name, migration] of Object.entries(MIGRATIONS)) {
      if (applied.has(name)) {
        continue;
      }
      await migration.up(tx);
      await sql`INSERT INTO parley_schema_migrations (name, applied_at) VALUES (${name}, ${now()})`.execute(tx);
      ran.push(name);
    }
    return ran;
  });
}
