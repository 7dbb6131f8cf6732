/**
 * `MongoModel.upsert(rows, uniqueBy, update?)`: one ordered bulk write of `updateOne(..., { upsert: true })`
 * per chunk — the Mongo form of SQL's `INSERT … ON CONFLICT`. Laravel's semantics as on SQL: without
 * `update`, every written column not in `uniqueBy` is updated; with timestamps, `created_at` is set
 * only on insert (`$setOnInsert`) and `updated_at` on both; a row's other columns are written on insert.
 * New documents get their id as `create` gives it (a counter value for increments keys, else an ObjectId).
 * Without a unique index on `uniqueBy`, two concurrent upserts of one new key can both insert (as on a server).
 */
import type { Document } from "mongodb";
import { EloquentError } from "../model/errors";
import { hasUpsertRows, upsertColumns, type UpsertColumnRules } from "../model/upsert-input";
import { modelMeta, type ModelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { newUniqueId } from "../model/unique-ids";
import { nextIds, usesCounter } from "./counter";
import { collectionFor, rowToDocument } from "./documents";
import { mongoDriver } from "./driver";
import { fieldFor } from "./mongo-values";
import type { UpsertOperation } from "./port";

export class MongoUpsertError extends EloquentError {}

/** Rows per bulk write: well below the server's 100,000-operation and 48 MB batch limits. */
const CHUNK = 1_000;

/** What Mongo's upsert accepts: the implicit `id` too, and `update: []` (insert missing rows only). */
const RULES: UpsertColumnRules = { error: MongoUpsertError, implicit: ["id"], emptyUpdate: true, listColumns: false };

const fieldOf = (meta: ModelMeta, column: string) => (column === "id" || column === meta.primaryKey ? "_id" : fieldFor(meta, column));

/** Writes the rows; returns how many were inserted or matched (updated or already equal). */
export async function mongoUpsert(
  model: ModelClass,
  rows: ReadonlyArray<Record<string, unknown>>,
  uniqueByInput: string | readonly string[],
  updateInput?: readonly string[],
): Promise<number> {
  const meta = modelMeta(model);
  if (!hasUpsertRows(meta, rows, RULES)) return 0;
  const uniqueBy = upsertColumns(meta, uniqueByInput, "uniqueBy", RULES);
  const update = updateInput === undefined ? undefined : new Set(upsertColumns(meta, updateInput, "update", RULES));
  const uniqueFields = new Set(uniqueBy.map((c) => fieldOf(meta, c)));
  const needsId = !uniqueFields.has("_id");
  const counterIds = needsId && usesCounter(meta) ? await nextIds(meta, rows.length) : undefined;
  const pkType = meta.columns.get(meta.primaryKey)?.type;
  const now = new Date();

  const operations: UpsertOperation[] = rows.map((input, i) => {
    if (input === null || typeof input !== "object" || Array.isArray(input))
      throw new MongoUpsertError(`${meta.name}.upsert(): row ${i} is not an object ({ column: value }).`);
    const doc = rowToDocument(meta, input, `upsert(): row ${i}`);
    const filter: Document = {};
    for (const column of uniqueBy) {
      const field = fieldOf(meta, column);
      if (doc[field] === undefined)
        throw new MongoUpsertError(`${meta.name}.upsert(): row ${i} has no value for '${column}', one of the uniqueBy columns.`);
      filter[field] = doc[field];
    }
    const set: Document = {};
    const setOnInsert: Document = {};
    for (const [field, value] of Object.entries(doc)) {
      if (uniqueFields.has(field)) continue;
      const column = field === "_id" ? "id" : field;
      const updated = field !== "_id" && field !== "created_at" && (update ? update.has(column) : true);
      (updated ? set : setOnInsert)[field] = value;
    }
    if (meta.timestamps) {
      if (!("created_at" in doc)) setOnInsert.created_at = now;
      if (!("updated_at" in doc)) (update?.size === 0 ? setOnInsert : set).updated_at = now;
    }
    if (needsId && !("_id" in doc)) {
      setOnInsert._id = counterIds
        ? counterIds[i]
        : pkType === "uuid" || pkType === "ulid"
          ? newUniqueId(pkType)
          : new (mongoDriver().ObjectId)();
    }
    const operators: Document = {};
    if (Object.keys(set).length) operators.$set = set;
    if (Object.keys(setOnInsert).length) operators.$setOnInsert = setOnInsert;
    // Nothing to write beyond the key: insert it if missing, leave a match as it is (Laravel's upsert with update: []).
    if (!Object.keys(operators).length) operators.$setOnInsert = { ...filter };
    return { updateOne: { filter, update: operators, upsert: true } };
  });

  let written = 0;
  const collection = collectionFor(meta);
  for (let i = 0; i < operations.length; i += CHUNK) {
    const result = await collection.bulkWrite(operations.slice(i, i + CHUNK));
    written += result.matchedCount + result.upsertedCount;
  }
  return written;
}
