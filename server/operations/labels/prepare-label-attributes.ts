import type { LabelRow } from '../../db/schema.js';
import { HttpError, humanize } from '../../lib/errors.js';

/** Label fields a caller may set. */
export interface LabelInput {
  /** Lower-cased; letters, digits, `_` and `-`, starting with a letter or digit, 2+ characters. */
  title?: string | null;
  description?: string | null;
  /** Hex colour, `#rgb` or `#rrggbb`. */
  color?: string;
  show_on_sidebar?: boolean;
}

/** The columns a label write sets. */
export type LabelValues = Pick<LabelRow, 'title' | 'description' | 'color' | 'show_on_sidebar'>;

const TITLE = /^[\p{L}\p{N}][\p{L}\p{N}_-]+$/u;
const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const DEFAULT_COLOR = '#1f93ff';

/**
 * Applies `input` over `current` (null for a new label) as Chatwoot's Label model
 * does: the title is lower-cased, must be present and match the title pattern;
 * the colour must be hex. Throws one 422 naming every failing field.
 */
export function prepareLabelAttributes(current: LabelRow | null, input: LabelInput): LabelValues {
  const title = input.title !== undefined ? (input.title ?? '').toLowerCase() : current?.title ?? '';
  const values: LabelValues = {
    title,
    description: input.description !== undefined ? input.description : current?.description ?? null,
    color: input.color ?? current?.color ?? DEFAULT_COLOR,
    show_on_sidebar: input.show_on_sidebar ?? current?.show_on_sidebar ?? false,
  };
  const errors: Array<[string, string]> = [];
  if (title.trim() === '') {
    errors.push(['title', 'must not be blank']);
  } else if (!TITLE.test(title)) {
    errors.push(['title', 'is invalid']);
  }
  if (!COLOR.test(values.color)) {
    errors.push(['color', 'is invalid']);
  }
  if (errors.length > 0) {
    throw new HttpError(422, {
      message: errors.map(([field, message]) => `${humanize(field)} ${message}`).join(', '),
      attributes: errors.map(([field]) => field),
    });
  }
  return values;
}
