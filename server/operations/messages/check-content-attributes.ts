import type { ContentType } from '../../../common/enums.js';
import { HttpError } from '../../lib/errors.js';

/** Keys each interactive content type allows in its items (ContentAttributeValidator). */
const ITEM_KEYS: Partial<Record<ContentType, string[]>> = {
  input_select: ['title', 'value'],
  cards: ['title', 'description', 'media_url', 'actions'],
  form: ['type', 'placeholder', 'label', 'name', 'options', 'default', 'required', 'pattern', 'title', 'pattern_error'],
  article: ['title', 'description', 'link'],
};
const ACTION_KEYS = ['text', 'type', 'payload', 'uri'];

type Item = Record<string, unknown>;

const isHash = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);
const symbols = (keys: string[]) => `[${keys.map((k) => `:${k}`).join(', ')}]`;

function cardActionProblems(items: Item[]): string[] {
  if (items.some((item) => !Array.isArray(item.actions) || item.actions.length === 0)) {
    return ['contains items missing actions'];
  }
  const keys = items.flatMap((item) => (item.actions as unknown[]).filter(isHash).flatMap((action) => Object.keys(action)));
  const unknown = [...new Set(keys.filter((key) => !ACTION_KEYS.includes(key)))];
  return unknown.length > 0 ? [`contains invalid keys for actions:  ${symbols(unknown)}`] : [];
}

function problemsOf(contentType: ContentType, attributes: Item): string[] {
  const allowed = ITEM_KEYS[contentType];
  if (!allowed) {
    return [];
  }
  const raw = attributes.items;
  if (!Array.isArray(raw) || raw.length === 0) {
    return ['At least one item is required.'];
  }
  if (!raw.every(isHash)) {
    return ['Items should be a hash.'];
  }
  const items = raw as Item[];
  const unknown = [...new Set(items.flatMap((item) => Object.keys(item)).filter((key) => !allowed.includes(key)))];
  const problems = unknown.length > 0 ? [`contains invalid keys for items : ${symbols(unknown)}`] : [];
  return contentType === 'cards' ? [...problems, ...cardActionProblems(items)] : problems;
}

/**
 * Checks the items of interactive messages (input_select, cards, form, article) as
 * Chatwoot's ContentAttributeValidator does; 422 with Chatwoot's sentence, naming the field.
 */
export function checkContentAttributes(contentType: ContentType, attributes: Item): void {
  const problems = problemsOf(contentType, attributes);
  if (problems.length > 0) {
    const sentence = problems.map((p) => `Content attributes ${p}`).join(', ');
    throw new HttpError(422, { error: `Validation failed: ${sentence}`, attributes: ['content_attributes'] });
  }
}
