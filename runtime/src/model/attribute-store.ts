/**
 * The objects that hold a model's attributes. They have no prototype, so a key from untrusted input
 * (`JSON.parse('{"__proto__": {"id": 1}}')`) is just an unknown key — it can neither replace the
 * store's prototype nor make inherited names (`constructor`, `toString`) read as attributes.
 */
import { didYouMean, EloquentError } from "./errors";
import type { ModelMeta } from "./meta";

export function attributeStore(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export function copyStore(from: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(attributeStore(), from);
}

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** Names that mean something to JavaScript objects; never an attribute unless the schema declares them. */
export function isReservedKey(key: string): boolean {
  return RESERVED.has(key);
}

/** The unknown-column error, raised as soon as a reserved name is assigned (both stores). */
export function reservedKeyError(meta: ModelMeta, key: string): Error {
  return new EloquentError(
    `${meta.name}: '${key}' is not a column of ${meta.table}.` +
      didYouMean(key, meta.columns.keys()) +
      ` Declare it in ${meta.name}'s static schema, or remove it from the attributes ` +
      `(a '${key}' key usually comes from untrusted JSON: pick the allowed fields before create()/fill()).`,
  );
}

/** Content of a json/date value as one comparable string (Dates by instant). */
export function valueSnapshot(value: unknown): string {
  if (value === undefined) return "u";
  if (value instanceof Date) return `d${value.getTime()}`;
  try {
    return `j${JSON.stringify(value)}`;
  } catch {
    return "x"; // not serialisable: the write would fail anyway, so never report it as changed
  }
}

/** Snapshot of the given json/date columns present in `row` (undefined when there are none). */
export function snapshotOf(columns: readonly string[], row: Record<string, unknown>): Record<string, string> | undefined {
  if (columns.length === 0) return undefined;
  const out = Object.create(null) as Record<string, string>;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (c in row) out[c] = valueSnapshot(row[c]);
  }
  return out;
}
