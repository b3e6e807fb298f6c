type Json = Record<string, unknown>;

function isHash(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ruby's Hash#deep_merge: keys of `over` win, nested hashes are merged key by key. */
export function deepMerge(under: Json, over: Json): Json {
  const result: Json = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isHash(current) && isHash(value) ? deepMerge(current, value) : value;
  }
  return result;
}
