/**
 * Indexes for Mongo models, the Mongo half of `migrate`: what every relation filters on gets an
 * index, so an eager load's `$in` is an index lookup instead of a collection scan.
 *   - `column(…, { unique: true })` → a unique index; `{ index: true }` → an index;
 *   - `static database = { unique: [...], indexes: [...] }` → compound (unique) indexes;
 *   - belongsTo: the FK field on this collection; hasOne/hasMany: the FK on the target's collection;
 *     morphOne/morphMany: `<morph>_type` + `<morph>_id` on the target; morphTo: the same here;
 *   - belongsToMany: the id array (multikey) for document references, or both pivot keys.
 * `ensureMongoIndexes` creates them (`createIndex` is idempotent for an identical spec).
 */
import type { Document } from "mongodb";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { resolveRelation } from "../relations/resolve";
import { getMongoConnection } from "./mongo-connection";
import { usesDocumentReferences } from "./document-references";
import { fieldFor } from "./mongo-values";

export interface MongoIndexSpec {
  /** Connection name (undefined: the default Mongo connection). */
  connection: string | undefined;
  collection: string;
  name: string;
  keys: Record<string, 1>;
  unique: boolean;
  /** Why the index exists, for the migrate report. */
  reason: string;
}

type DatabaseMetaLike = {
  unique?: readonly { name?: string; columns: readonly string[] }[];
  indexes?: readonly { name?: string; columns: readonly string[] }[];
};

/** The indexes the given Mongo models need (non-Mongo models are ignored). */
export function mongoIndexPlan(models: readonly ModelClass[]): MongoIndexSpec[] {
  const out = new Map<string, MongoIndexSpec>();
  const add = (
    connection: string | undefined,
    collection: string,
    fields: readonly string[],
    unique: boolean,
    reason: string,
    name?: string,
  ) => {
    const keys = Object.fromEntries(fields.map((f) => [f, 1 as const]));
    if (keys._id !== undefined && fields.length === 1) return; // the _id index always exists
    const id = `${connection ?? ""}\u0000${collection}\u0000${fields.join(",")}`;
    const existing = out.get(id);
    if (existing) {
      existing.unique ||= unique;
      return;
    }
    out.set(id, { connection, collection, name: name ?? `${fields.join("_")}_1`, keys, unique, reason });
  };
  for (const model of models) {
    const meta = modelMeta(model);
    if (meta.store !== "mongo") continue;
    const here = (fields: readonly string[], unique: boolean, reason: string, name?: string) =>
      add(
        meta.connection,
        meta.table,
        fields.map((f) => fieldFor(meta, f)),
        unique,
        reason,
        name,
      );
    for (const [name, column] of meta.columns) {
      if (column.options.unique) here([name], true, `${meta.name}.${name} is unique`);
      else if (column.options.index) here([name], false, `${meta.name}.${name} is indexed`);
    }
    const database = (model as { database?: DatabaseMetaLike }).database;
    for (const u of database?.unique ?? []) here(u.columns, true, `${meta.name}: static database unique`, u.name);
    for (const i of database?.indexes ?? []) here(i.columns, false, `${meta.name}: static database index`, i.name);
    for (const relationName of meta.relations.keys()) {
      const rel = resolveRelation(model, relationName);
      const label = `${meta.name}.${relationName} (${rel.kind})`;
      const target = rel.target ? modelMeta(rel.target) : undefined;
      const onTarget = (fields: readonly string[]) => {
        if (target?.store === "mongo")
          add(
            target.connection,
            target.table,
            fields.map((f) => fieldFor(target, f)),
            false,
            label,
          );
      };
      switch (rel.kind) {
        case "belongsTo":
          here([rel.foreignKey], false, label);
          break;
        case "morphTo":
          here([rel.morphType!, rel.morphId!], false, label);
          break;
        case "hasOne":
        case "hasMany":
          onTarget([rel.foreignKey]);
          break;
        case "morphOne":
        case "morphMany":
          onTarget([rel.morphType!, rel.morphId!]);
          break;
        case "belongsToMany":
          if (usesDocumentReferences(rel)) here([rel.foreignKey], false, label);
          else if (rel.pivot) {
            add(meta.connection, rel.pivot.table, [rel.pivot.localKey], false, label);
            add(meta.connection, rel.pivot.table, [rel.pivot.foreignKey], false, label);
          }
          break;
      }
    }
  }
  return [...out.values()];
}

/** Creates the indexes of `mongoIndexPlan(models)` (or only returns them with `dryRun`). */
export async function ensureMongoIndexes(models: readonly ModelClass[], options: { dryRun?: boolean } = {}): Promise<MongoIndexSpec[]> {
  const plan = mongoIndexPlan(models);
  if (options.dryRun) return plan;
  for (const spec of plan) {
    const index: Document = { name: spec.name, ...(spec.unique ? { unique: true } : {}) };
    await getMongoConnection(spec.connection).db.collection(spec.collection).createIndex(spec.keys, index);
  }
  return plan;
}
