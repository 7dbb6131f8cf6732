/**
 * Documents ↔ model rows. `_id` is exposed as `id` (ObjectIds as 24-hex strings, counter ids as
 * numbers); objectId-typed columns are exposed as hex strings and stored back as ObjectIds.
 * Attributes that are not schema columns are an error on write (like SQL), so a typo never
 * silently creates a new field.
 */
import type { Document } from "mongodb";
import { assertEnumValue } from "../model/column-values";
import { didYouMean } from "../model/errors";
import type { ModelMeta } from "../model/meta";
import { getMongoConnection } from "./mongo-connection";
import type { CollectionPort } from "./port";
import { exposeKey } from "./ids";
import { fieldFor, MongoQueryError, toStored } from "./mongo-values";

export function collectionFor(meta: ModelMeta): CollectionPort {
  return getMongoConnection(meta.connection).db.collection(meta.table);
}

type Caster = (value: unknown) => unknown;

const INTEGER = /^-?\d+$/;
/** Integer columns: a numeric string written by another program reads as the number it names. */
const toInteger: Caster = (v) => (typeof v === "string" && INTEGER.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v);
/** String columns: keys from other stores (numbers, ObjectIds) read as strings. */
const toText: Caster = (v) => (typeof v === "number" || typeof v === "bigint" ? String(v) : exposeKey(v));

function casterFor(type: string | undefined): Caster | undefined {
  switch (type) {
    case "objectId":
      return exposeKey;
    case "int":
    case "smallint":
    case "bigint":
    case "increments":
    case "bigIncrements":
      return toInteger;
    case "string":
    case "char":
    case "text":
    case "enum":
    case "uuid":
    case "ulid":
      return toText;
    default:
      return undefined;
  }
}

const casters = new WeakMap<ModelMeta, { id: Caster; fields: Map<string, Caster>; names: string[]; fns: Caster[] }>();

function castersOf(meta: ModelMeta) {
  let c = casters.get(meta);
  if (!c) {
    const fields = new Map<string, Caster>();
    for (const [name, column] of meta.columns) {
      const caster = casterFor(column.type);
      if (caster && name !== meta.primaryKey && name !== "id" && name !== "_id") fields.set(name, caster);
    }
    const pkCaster = casterFor(meta.columns.get(meta.primaryKey)?.type);
    const id: Caster = pkCaster === toInteger ? (v) => toInteger(exposeKey(v)) : exposeKey;
    casters.set(meta, (c = { id, fields, names: [...fields.keys()], fns: [...fields.values()] }));
  }
  return c;
}

/** A stored key value as the column exposes it (for keys returned outside documents, e.g. group ids). */
export function exposeColumnValue(meta: ModelMeta, column: string, value: unknown): unknown {
  const c = castersOf(meta);
  if (column === "id" || column === "_id" || column === meta.primaryKey) return c.id(value);
  const caster = c.fields.get(column);
  return caster ? caster(value) : value;
}

/**
 * A fresh document from the store → the attribute row, converted in place (the document is a copy
 * the store or driver made for this read; reusing it saves an allocation per row). `_id` stays the
 * key: the model exposes it as `id`.
 */
export function documentToRow(meta: ModelMeta, doc: Document): Record<string, unknown> {
  const { id, names, fns } = castersOf(meta);
  if (doc._id !== undefined) doc._id = id(doc._id);
  for (let i = 0; i < names.length; i++) {
    const value = doc[names[i]!];
    if (value !== undefined) doc[names[i]!] = fns[i]!(value);
  }
  return doc;
}

/** Attributes → document fields (undefined values are left out). */
export function rowToDocument(meta: ModelMeta, attributes: Record<string, unknown>, where: string): Document {
  const doc: Document = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const field = key === "id" || key === "_id" ? "_id" : fieldFor(meta, key);
    const column = meta.columns.get(key);
    if (field !== "_id" && !column) {
      const known = ["id", ...meta.columns.keys()];
      throw new MongoQueryError(
        `${meta.name}.${where}: '${key}' is not a column of ${meta.table}.` +
          didYouMean(key, known) +
          ` Declare it in ${meta.name}'s static schema, or remove it before saving.`,
      );
    }
    assertEnumValue(column, key, value, `${meta.name}.${where}`);
    doc[field] = toStored(column, field, value);
  }
  return doc;
}
