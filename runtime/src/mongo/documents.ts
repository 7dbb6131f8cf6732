/**
 * Documents ↔ model rows. `_id` is exposed as `id` (ObjectIds as 24-hex strings, counter ids as
 * numbers); objectId-typed columns are exposed as hex strings and stored back as ObjectIds.
 * Attributes that are not schema columns are an error on write (like SQL), so a typo never
 * silently creates a new field.
 */
import type { Document } from "mongodb";
import { didYouMean } from "../model/errors";
import type { ModelMeta } from "../model/meta";
import { getMongoConnection } from "./connection";
import type { CollectionPort } from "./port";
import { fieldFor, fromStored, MongoQueryError, toStored } from "./values";

export function collectionFor(meta: ModelMeta): CollectionPort {
  return getMongoConnection(meta.connection).db.collection(meta.table);
}

/** A fresh document from the store → the attribute row (the document object is not reused). */
export function documentToRow(meta: ModelMeta, doc: Document): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if ("_id" in doc) row.id = fromStored(undefined, "_id", doc._id);
  for (const key in doc) {
    if (key === "_id") continue;
    const column = meta.columns.get(key);
    row[key] = column && column.type === "objectId" ? fromStored(column, key, doc[key]) : doc[key];
  }
  return row;
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
    doc[field] = toStored(column, field, value);
  }
  return doc;
}
