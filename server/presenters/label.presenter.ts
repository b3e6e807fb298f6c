import { Type, type Static } from '@sinclair/typebox';
import type { LabelRow } from '../db/schema.js';

/** An account label (`labels/show.json.jbuilder`). */
export const LabelJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  color: Type.String(),
  show_on_sidebar: Type.Boolean(),
});

/** Label shape. */
export function presentLabel(row: LabelRow): Static<typeof LabelJson> {
  return { id: row.id, title: row.title, description: row.description, color: row.color, show_on_sidebar: row.show_on_sidebar };
}
