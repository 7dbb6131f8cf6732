/**
 * Ids and keys across stores. Documents keep ObjectIds; models expose them as 24-hex strings (`id`),
 * so they print, serialise and compare like any string key. Wherever a key reaches a filter, each
 * value is expanded to the forms the field may store it in: an ObjectId-typed field gets ObjectIds,
 * a string-typed field hex strings, a field of unknown type both (number ↔ numeric string is always
 * expanded: read casts normalise those, so other programs' documents hold either). So a string
 * foreign key finds an ObjectId key, an SQL integer finds a Mongo string FK, and the reverse.
 */
import type { ObjectId } from "mongodb";
import { mongoDriver } from "./driver";

const HEX24 = /^[0-9a-f]{24}$/i;
const INTEGER = /^-?(0|[1-9]\d{0,15})$/;

export function isObjectId(value: unknown): value is ObjectId {
  // bson marks its values with _bsontype: no driver load (and no instanceof across two bson copies) needed.
  return value !== null && typeof value === "object" && (value as { _bsontype?: unknown })._bsontype === "ObjectId";
}

export function isHexObjectId(value: unknown): value is string {
  return typeof value === "string" && HEX24.test(value);
}

/**
 * Lower-cased first: with bson's `ObjectId.cacheHexString` on (the embedded store turns it on) an
 * ObjectId built from "65F0…" would print as "65F0…" forever, while the server's copy prints "65f0…".
 */
export function objectIdFromHex(hex: string): ObjectId {
  return new (mongoDriver().ObjectId)(hex.toLowerCase());
}

/** A stored key as the model exposes it: ObjectId → hex string, anything else unchanged. */
export function exposeKey(value: unknown): unknown {
  return isObjectId(value) ? value.toHexString() : value;
}

/** A key on its way into an ObjectId field: hex strings become ObjectIds, anything else unchanged. */
export function toObjectIdIfHex(value: unknown): unknown {
  return isHexObjectId(value) ? objectIdFromHex(value) : value;
}

/**
 * How a field stores ObjectId-like keys, from its declared type (mongo-values.ts `keyStorage`):
 * "objectId" as ObjectIds, "string" as hex strings, "mixed" either (type undeclared or neither).
 */
export type KeyStorage = "objectId" | "string" | "mixed";

/** Every form a key value may be stored in, in a field of `storage`; used for `$in` lists on key fields. */
export function keyForms(value: unknown, storage: KeyStorage): unknown[] {
  if (isObjectId(value)) {
    if (storage === "objectId") return [value];
    return storage === "string" ? [value.toHexString()] : [value, value.toHexString()];
  }
  if (typeof value === "string") {
    if (HEX24.test(value)) {
      if (storage === "objectId") return [objectIdFromHex(value)];
      return storage === "string" ? [value] : [value, objectIdFromHex(value)];
    }
    if (INTEGER.test(value) && Number.isSafeInteger(Number(value))) return [value, Number(value)];
    return [value];
  }
  if (typeof value === "number" && Number.isInteger(value)) return [value, String(value)];
  if (typeof value === "bigint") return [value, Number(value), value.toString()];
  return [value];
}

/** Expanded, de-duplicated forms of many keys (null/undefined dropped: they never match a key). */
export function expandKeys(values: readonly unknown[], storage: KeyStorage): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    // One identity per key across its forms (5 and "5" expand alike; so do an ObjectId and its hex).
    const identity =
      typeof v === "string" ? (v.length === 24 && HEX24.test(v) ? v.toLowerCase() : v) : isObjectId(v) ? v.toHexString() : String(v);
    if (seen.has(identity)) continue;
    seen.add(identity);
    for (const form of keyForms(v, storage)) out.push(form);
  }
  return out;
}

/** A string that identifies a key across its forms (for Map matching and de-duplication). */
export function keyString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return isObjectId(value) ? value.toHexString() : String(value);
}
