import { Type, type TObject, type TSchema } from '@sinclair/typebox';

/**
 * fast-json-stringify writes an object's required keys first and its optional keys
 * after them, so a schema with an optional key in the middle (`custom_attributes?`)
 * would come out in another order than Chatwoot's view. This returns the same
 * schema with every key from the first optional one on marked optional, so the
 * wire order is the declared order. Presenters still return every key they declare;
 * the static type stays the strict one.
 */
export function inWireOrder<T extends TObject>(schema: T): T {
  const required = new Set(schema.required ?? []);
  const properties: Record<string, TSchema> = {};
  let optionalSeen = false;
  for (const [key, property] of Object.entries(schema.properties)) {
    optionalSeen ||= !required.has(key);
    properties[key] = optionalSeen && required.has(key) ? Type.Optional(property) : property;
  }
  const { properties: _p, required: _r, type: _t, ...options } = schema;
  return Type.Object(properties, options) as unknown as T;
}
