/**
 * Key matching between parents and related rows. Keys of the same primitive type are compared as
 * they are (fast path); otherwise both sides are compared as strings, so an SQL integer matches a
 * Mongo string id, a PostgreSQL bigint string matches a number, and an ObjectId matches its hex.
 */

export type KeyNormalizer = (key: unknown) => unknown;

const identity: KeyNormalizer = (k) => k;
const asString: KeyNormalizer = (k) => (k === null || k === undefined ? k : String(k));

function firstDefined(values: Iterable<unknown>): unknown {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return undefined;
}

/** Picks a normaliser for comparing keys from `a` with keys from `b`. */
export function keyNormalizer(a: Iterable<unknown>, b: Iterable<unknown>): KeyNormalizer {
  const x = firstDefined(a);
  const y = firstDefined(b);
  if (x === undefined || y === undefined) return asString;
  const tx = typeof x;
  if (tx === typeof y && (tx === "number" || tx === "string")) return identity;
  return asString;
}

/** Adds `v` to `out` unless it is null or already seen (objects such as ObjectIds compare by string). */
function addDistinct(seen: Set<unknown>, out: unknown[], v: unknown): void {
  if (v === null || v === undefined) return;
  const k = typeof v === "object" ? String(v) : v;
  if (seen.has(k)) return;
  seen.add(k);
  out.push(v);
}

/** Distinct non-null values, in first-seen order. */
export function distinctKeys(values: Iterable<unknown>): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const v of values) addDistinct(seen, out, v);
  return out;
}

/**
 * Distinct non-null values of one attribute across models, in first-seen order. Parents read by one query
 * usually come in key order (primary key, rowid): values that only ever increase (numbers, or strings) are
 * distinct already, so the set is built only when one does not (about 5 ms of a 40k-parent eager load).
 */
export function distinctAttribute(models: readonly { get(key: string): unknown }[], key: string): unknown[] {
  const n = models.length;
  const values = new Array<unknown>(n);
  let increasing = true;
  for (let i = 0; i < n; i++) {
    const v = models[i]!.get(key);
    values[i] = v;
    if (increasing) increasing = (typeof v === "number" || typeof v === "string") && (i === 0 || isAfter(v, values[i - 1]));
  }
  if (increasing) return values;
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) addDistinct(seen, out, values[i]);
  return out;
}

/** `a > b` for two values of the same primitive type (comparison across types is never "after"). */
function isAfter(a: number | string, b: unknown): boolean {
  return typeof a === typeof b && a > (b as number | string);
}

/** Groups items by normalised key in one pass (`keyOf` gets the index too: a key may come from a parallel array). */
export function groupBy<T>(items: readonly T[], keyOf: (item: T, index: number) => unknown, norm: KeyNormalizer): Map<unknown, T[]> {
  const map = new Map<unknown, T[]>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const k = norm(keyOf(item, i));
    const bucket = map.get(k);
    if (bucket) bucket.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** First item per normalised key, in one pass. */
export function indexBy<T>(items: readonly T[], keyOf: (item: T) => unknown, norm: KeyNormalizer): Map<unknown, T> {
  const map = new Map<unknown, T>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const k = norm(keyOf(item));
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}
