/**
 * Sorting with the server's comparison rules: values of different types order by BSON type
 * (null/missing < numbers < strings < documents < arrays < binary < ObjectId < booleans < dates <
 * regexes), strings by code unit, and an array field sorts by its least element ascending and its
 * greatest element descending (mingo compares arrays as wholes, which puts `["z","a"]` wrongly when
 * sorting descending). Stable: ties keep natural order, as the server's collection scan does.
 */
import type { Document } from "mongodb";

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  switch (typeof v) {
    case "number":
    case "bigint":
      return 2;
    case "string":
      return 3;
    case "boolean":
      return 8;
  }
  if (Array.isArray(v)) return 5;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  switch ((v as { _bsontype?: string })._bsontype) {
    case "Int32":
    case "Double":
    case "Long":
    case "Decimal128":
      return 2;
    case "Binary":
      return 6;
    case "ObjectId":
      return 7;
    case "Timestamp":
      return 10;
    case "MinKey":
      return 0;
    case "MaxKey":
      return 12;
  }
  return 4; // embedded document
}

function numeric(v: unknown): number {
  return typeof v === "number" ? v : Number(typeof v === "bigint" ? v : String(v));
}

/** The server's comparison of two non-array values. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
      return numeric(a) - numeric(b);
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return x.length - y.length;
    }
    case 4: {
      const x = Object.entries(a as Document);
      const y = Object.entries(b as Document);
      // The server's order for documents: per field, the value's type, then the name, then the value.
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const [kx, vx] = x[i]!;
        const [ky, vy] = y[i]!;
        const c = typeRank(vx) - typeRank(vy) || (kx < ky ? -1 : kx > ky ? 1 : 0) || compareValues(vx, vy);
        if (c) return c;
      }
      return x.length - y.length;
    }
    case 6: {
      // Binary: length, then subtype, then bytes.
      const x = a as { buffer: Uint8Array; sub_type: number };
      const y = b as { buffer: Uint8Array; sub_type: number };
      return x.buffer.length - y.buffer.length || x.sub_type - y.sub_type || Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer));
    }
    case 7:
    case 10:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    case 8:
      return Number(a) - Number(b);
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
}

/** Values at a dotted path; arrays along the path contribute each element. */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  let current: unknown[] = [doc];
  for (const part of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== "object") continue;
      // Own fields only: a document without `constructor` must not sort by Object's.
      const child = Object.prototype.hasOwnProperty.call(v, part) ? (v as Record<string, unknown>)[part] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined) next.push(child);
      else if (Array.isArray(v))
        for (const e of v)
          if (e && typeof e === "object" && Object.prototype.hasOwnProperty.call(e, part)) next.push((e as Document)[part]);
    }
    current = next;
  }
  return current;
}

/** The field's sort key: least element ascending, greatest descending; missing sorts as null. */
function sortKey(doc: Document, path: string[], direction: 1 | -1): unknown {
  const values = valuesAt(doc, path);
  if (!values.length) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) if (compareValues(values[i], best) * direction < 0) best = values[i];
  return best;
}

export function sortDocuments<T extends Document>(docs: readonly T[], sort: Record<string, 1 | -1>): T[] {
  const fields = Object.entries(sort).map(([f, d]) => [f.split("."), d] as const);
  const keyed = docs.map((doc, i) => ({ doc, i, keys: fields.map(([p, d]) => sortKey(doc, p, d)) }));
  keyed.sort((a, b) => {
    for (let f = 0; f < fields.length; f++) {
      const c = compareValues(a.keys[f], b.keys[f]) * fields[f]![1];
      if (c) return c;
    }
    return a.i - b.i;
  });
  return keyed.map((k) => k.doc);
}
