/**
 * Deep copies with the driver's round-trip semantics (its defaults: `ignoreUndefined: false`,
 * `promoteLongs`, `promoteValues`, `promoteBuffers: false`), so the embedded store answers what a
 * server answers after BSON serialisation and back:
 *   - undefined fields and array slots become null (the driver sends undefined as BSON null);
 *     functions are dropped (`serializeFunctions: false`);
 *   - Int32 and Double wrappers read back as numbers; Long and bigint as numbers when they are safe
 *     integers, else as Long;
 *   - Buffers and Uint8Arrays read back as Binary (subtype 0); Maps as plain documents;
 *   - other class instances become plain documents (own enumerable fields).
 * The embedded store copies on every write and every read, so neither the caller nor a returned
 * document can change what is stored. Immutable BSON values (ObjectId, Decimal128, Binary, Long…)
 * are shared.
 */
import type { Long } from "mongodb";
import { mongoDriver } from "../driver";

export function cloneDocument<T>(doc: T): T {
  return cloneValue(doc) as T;
}

function cloneValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null) return null;
  switch (typeof value) {
    case "object":
      break;
    case "bigint":
      return promoteLong(mongoDriver().Long.fromBigInt(value));
    case "function":
    case "symbol":
      return undefined;
    default:
      return value;
  }
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = cloneValue(value[i]);
      out[i] = v === undefined ? null : v;
    }
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  const bsontype = (value as { _bsontype?: unknown })._bsontype;
  if (typeof bsontype === "string") {
    if (bsontype === "Int32" || bsontype === "Double") return (value as { value: number }).value;
    if (bsontype === "Long") return promoteLong(value as Long);
    return value;
  }
  if (value instanceof RegExp) return new RegExp(value.source, value.flags);
  if (value instanceof Uint8Array) return new (mongoDriver().Binary)(Uint8Array.prototype.slice.call(value));
  const out: Record<string, unknown> = {};
  const entries: Iterable<[unknown, unknown]> = value instanceof Map ? value : Object.entries(value);
  for (const [key, v] of entries) {
    const copy = cloneValue(v);
    if (copy !== undefined) out[String(key)] = copy;
  }
  return out;
}

/** The driver's `promoteLongs`: a Long that is a safe integer reads back as a number. */
function promoteLong(long: Long): number | Long {
  const n = long.toNumber();
  return Number.isSafeInteger(n) ? n : long;
}
