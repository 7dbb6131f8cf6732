/**
 * Deep copies with the driver's storage semantics: what BSON serialisation keeps is kept, what it
 * drops is dropped (undefined fields and functions disappear, undefined array slots become null,
 * class instances become plain documents). The embedded store copies on every write and every read,
 * so neither the caller nor a returned document can change what is stored.
 *
 * BSON value types (ObjectId, Decimal128, Long, Binary…) are immutable values and are shared.
 */

export function cloneDocument<T>(doc: T): T {
  return cloneValue(doc, false) as T;
}

function cloneValue(value: unknown, inArray: boolean): unknown {
  if (value === undefined) return inArray ? null : undefined;
  if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = cloneValue(value[i], true);
      out[i] = v === undefined ? null : v;
    }
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof (value as { _bsontype?: unknown })._bsontype === "string") return value;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags);
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = cloneValue((value as Record<string, unknown>)[key], false);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
