/**
 * Values between models and documents, and the injection policy for filters.
 *
 * Policy (docs/mongo.md): a value given to where()/whereIn()/find() is data, never query syntax.
 *   - every comparison is emitted with an explicit operator ($eq, $in, $gt…), whose argument MongoDB
 *     reads literally;
 *   - a plain object or array value containing a key that starts with `$` (at any depth) is
 *     rejected with an error before any query runs (it can only be an injection attempt or a bug);
 *   - objects are accepted only for json columns (matched literally); other class instances
 *     (RegExp, functions…) are rejected: regex matching goes through the `like` operator, whose
 *     pattern is escaped.
 * Field names come only from the model's schema, never from values.
 */
import { toDate, toDay } from "../model/casts";
import { keyFamily, mongoIdType, type ColumnDescriptor } from "eloquent-engine";
import { EloquentError } from "../model/errors";
import type { ModelMeta } from "../model/meta";
import { exposeKey, isObjectId, keyForms, toObjectIdIfHex, type KeyStorage } from "./ids";

export class MongoQueryError extends EloquentError {}

/** The `_id` field is the model's `id`. */
export function fieldFor(meta: ModelMeta, column: string): string {
  return column === "id" || column === "_id" || column === meta.primaryKey ? "_id" : column;
}

/** Key fields: `_id` and objectId-typed columns (string ↔ ObjectId forms are both matched). */
export function isKeyField(meta: ModelMeta, column: string): boolean {
  if (fieldFor(meta, column) === "_id") return true;
  return meta.columns.get(column)?.type === "objectId";
}

/**
 * How `column` stores ObjectId-like keys, from the type the schema declares (the engine's `_id` type
 * and key families), so `$in` lists carry only the form the field holds:
 *   - `_id` typed ObjectId (the default) and objectId columns: ObjectIds (toStored converts hex strings);
 *   - string-family columns (string, char, text, uuid, ulid): hex strings (toStored keeps strings);
 *   - anything else — an undeclared field, json id arrays, an `_id` declared with another type (toStored
 *     still turns its hex values into ObjectIds, other programs may not) — both forms.
 */
export function keyStorage(meta: ModelMeta, column: string): KeyStorage {
  if (fieldFor(meta, column) === "_id") {
    return mongoIdType(meta.primaryKey, (name) => meta.columns.get(name)?.type) === "objectId" ? "objectId" : "mixed";
  }
  const type = meta.columns.get(column)?.type;
  if (type === undefined) return "mixed";
  const family = keyFamily(type);
  return family === "objectId" ? "objectId" : family === "string" ? "string" : "mixed";
}

function findOperatorKey(value: unknown, depth = 0): string | undefined {
  if (depth > 64 || value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const k = findOperatorKey(v, depth + 1);
      if (k) return k;
    }
    return undefined;
  }
  if (isObjectId(value) || value instanceof Date) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith("$")) return k;
    const inner = findOperatorKey(v, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * A user value compared with `column`: checked against the policy above and converted to what the
 * field stores (Date for timestamps, ObjectId for hex ids in key fields).
 */
export function filterValue(meta: ModelMeta, column: string, value: unknown, where: string): unknown {
  if (value === undefined) {
    throw new MongoQueryError(`${meta.name}.${where}: the value for '${column}' is undefined. Pass null to match missing values.`);
  }
  if (value === null || typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol") {
      throw new MongoQueryError(`${meta.name}.${where}: a ${typeof value} is not a value '${column}' can be compared with.`);
    }
    return isKeyField(meta, column) ? toObjectIdIfHex(value) : value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new MongoQueryError(`${meta.name}.${where}: invalid Date for '${column}'.`);
    return value;
  }
  if (isObjectId(value)) return value;
  if (!isPlain(value)) {
    throw new MongoQueryError(
      `${meta.name}.${where}: '${column}' was given a ${value.constructor?.name ?? "non-plain"} object. ` +
        `Compare with strings, numbers, booleans, Dates or ObjectIds; use where('${column}', 'like', '%text%') for patterns.`,
    );
  }
  const operator = findOperatorKey(value);
  if (operator) {
    throw new MongoQueryError(
      `${meta.name}.${where}: the value for '${column}' is an object with the key '${operator}'. Values are data, never ` +
        `query operators: pass a plain value (a string from a request body may have been parsed into an object — validate it), ` +
        `or use the query builder's operators: where('${column}', '!=', null), whereIn('${column}', [...]).`,
    );
  }
  if (meta.columns.get(column)?.type !== "json") {
    throw new MongoQueryError(
      `${meta.name}.${where}: got ${Array.isArray(value) ? "an array" : "an object"} for '${column}'` +
        `${meta.columns.get(column) ? ` (a ${meta.columns.get(column)!.type} column)` : ""}. ` +
        `Only json columns are compared with documents; use whereIn('${column}', [...]) for a list of values.`,
    );
  }
  return value;
}

/** `$in` argument for a key field: each value in the forms the field stores; other fields: checked values. */
export function filterList(meta: ModelMeta, column: string, values: readonly unknown[], where: string): unknown[] {
  if (!Array.isArray(values)) throw new MongoQueryError(`${meta.name}.${where}: expected an array of values for '${column}'.`);
  const checked = values.map((v) => filterValue(meta, column, v, where));
  if (!isKeyField(meta, column)) return checked;
  const storage = keyStorage(meta, column);
  const out: unknown[] = [];
  for (const v of checked) for (const f of v === null ? [null] : keyForms(v, storage)) out.push(f);
  return out;
}

/** An attribute on its way into a document field. */
export function toStored(column: ColumnDescriptor | undefined, field: string, value: unknown): unknown {
  if (field === "_id" || column?.type === "objectId") return toObjectIdIfHex(value);
  // Dates are stored as BSON dates (a date column at its UTC midnight), so they sort and compare as dates.
  if (column?.type === "date") return toDay(value);
  if (column?.type === "datetime") return toDate(value);
  return value;
}

/** A document field on its way into a model attribute. */
export function fromStored(column: ColumnDescriptor | undefined, field: string, value: unknown): unknown {
  if (field === "_id" || column?.type === "objectId") return exposeKey(value);
  return value;
}

/**
 * `like` pattern → anchored regex; everything but % and _ is literal. The embedded store matches
 * this exact shape without backtracking (embedded/glob.ts); servers run it as a regex.
 */
export function likeToRegex(pattern: unknown, meta: ModelMeta, where: string, caseInsensitive: boolean): RegExp {
  if (typeof pattern !== "string")
    throw new MongoQueryError(`${meta.name}.${where}: a like pattern must be a string, got ${typeof pattern}.`);
  let source = "";
  let previous = "";
  for (const ch of pattern) {
    if (ch === "%" && previous === "%") continue; // "%%" is "%": one unbounded gap, not two to backtrack over
    previous = ch;
    if (ch === "%") source += "[\\s\\S]*";
    else if (ch === "_") source += "[\\s\\S]";
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
}
