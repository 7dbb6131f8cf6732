/**
 * `$in` lists against the 16 MB BSON command limit: their estimated size, and chunks well below it
 * (eager loads send one `find` per chunk; a whereHas filter, which cannot be split, is refused above
 * a budget instead).
 */

/** At most this many values per `$in` (Mongoose splits past 50k too)… */
export const MAX_IN_VALUES = 50_000;
/** …and at most this many estimated bytes, a quarter of the 16 MB BSON limit (room for the rest). */
export const MAX_IN_BYTES = 4 * 1024 * 1024;

function estimatedBytes(value: unknown): number {
  // BSON element: type byte + array index key (≤ 7 bytes) + payload.
  if (typeof value === "string") return 13 + Buffer.byteLength(value);
  if (typeof value === "number") return 16;
  return 24; // ObjectId (12), dates, booleans and the rare odd key
}

/** The largest key list a whereHas filter may send: three quarters of the 16 MB command limit. */
export const MAX_FILTER_KEY_BYTES = 12 * 1024 * 1024;

/**
 * Refuses an expanded key list too large for one filter: one command carries at most 16 MB and,
 * unlike an eager load, a filter cannot be split into chunks. `error` gets the estimated size in MB.
 */
export function assertFilterFits(list: readonly unknown[], error: (megabytes: string) => Error): void {
  const bytes = estimatedInBytes(list);
  if (bytes > MAX_FILTER_KEY_BYTES) throw error((bytes / 1024 / 1024).toFixed(0));
}

/** Estimated BSON bytes of a `$in` list (what one command would carry). */
export function estimatedInBytes(values: readonly unknown[]): number {
  let n = 0;
  for (const v of values) n += estimatedBytes(v);
  return n;
}

/** Splits expanded key lists by count and by estimated BSON size. */
export function chunkKeys(values: readonly unknown[]): unknown[][] {
  const out: unknown[][] = [];
  let current: unknown[] = [];
  let bytes = 0;
  for (const v of values) {
    const b = estimatedBytes(v);
    if (current.length && (current.length >= MAX_IN_VALUES || bytes + b > MAX_IN_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(v);
    bytes += b;
  }
  if (current.length) out.push(current);
  return out;
}

/** The present keys of a plucked list, formatted for an error message. */
export function countKeys(keys: readonly unknown[]): string {
  return keys.filter((k) => k !== null && k !== undefined).length.toLocaleString("en");
}
