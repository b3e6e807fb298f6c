import { Type, type Static } from '@sinclair/typebox';
import type { DashboardAppRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

/** Chatwoot's `api/v1/models/_dashboard_app` partial. */
export const DashboardAppJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  content: Type.Array(Type.Object({ type: Type.String(), url: Type.String() })),
  created_at: Type.String(),
});

/** A dashboard app as the agent API renders it. */
export function presentDashboardApp(row: DashboardAppRow): Static<typeof DashboardAppJson> {
  return { id: row.id, title: row.title, content: row.content, created_at: toIso(row.created_at) as string };
}
