/** Writes CSV per RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled, CRLF line ends. */

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as CSV text; null and undefined are empty, objects are written as JSON. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record as a CSV line, CRLF included. */
export function csvLine(fields: readonly unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
