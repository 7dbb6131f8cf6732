/**
 * The store adapter on MongoDB (see relations/adapter.ts): `$in` lists in the key forms each field
 * stores (mongo-values.ts `keyStorage`; pivot collections have no schema, so both forms), chunked
 * well below the 16 MB BSON command limit, one `find` per chunk; counts with one `$match` + `$group`
 * aggregation; belongsToMany pivots as a collection on the owner's connection.
 */
import type { Document } from "mongodb";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { KeyFetch, PivotSpec, StoreAdapter } from "../relations/adapter";
import { runAtomically } from "./atomic";
import { chunkKeys } from "./in-lists";
import { getMongoConnection } from "./mongo-connection";
import { exposeColumnValue } from "./documents";
import { documentReferenceFor, documentReferences, usesDocumentReferences } from "./document-references";
import { RelationError, type ResolvedRelation } from "../relations/resolve";
import { expandKeys, exposeKey, toObjectIdIfHex, type KeyStorage } from "./ids";
import { MongoQuery } from "./mongo-query";
import { fieldFor, keyStorage } from "./mongo-values";
import type { MongoModelBase } from "./mongo-model";

export { chunkKeys, estimatedInBytes, MAX_IN_BYTES, MAX_IN_VALUES } from "./in-lists";

function keyedQuery(request: KeyFetch, keys: readonly unknown[]): MongoQuery {
  const q = new MongoQuery(request.model as ModelClass<MongoModelBase>);
  q.whereKeyIn(request.column, keys);
  if (request.equals) for (const [c, v] of Object.entries(request.equals)) q.whereKeyEquals(c, v);
  if (request.constraint) request.constraint(q);
  return q;
}

/** Pivot collections have no schema: their key fields may hold either form (see storedPivotRow). */
const PIVOT_KEYS: KeyStorage = "mixed";

/** The owner's `_id` in the forms it is stored in (document references filter on it). */
function ownerIds(relation: ResolvedRelation, keys: readonly unknown[]): unknown[] {
  return expandKeys(keys, keyStorage(relation.ownerMeta, "_id"));
}

function pivotCollection(spec: PivotSpec) {
  return getMongoConnection(modelMeta(spec.owner).connection).db.collection(spec.table);
}

/** Pivot keys are stored like the keys they copy: hex strings as ObjectIds. */
function storedPivotRow(spec: PivotSpec, row: Record<string, unknown>): Document {
  const doc: Document = { ...row };
  doc[spec.localKey] = toObjectIdIfHex(row[spec.localKey]);
  doc[spec.foreignKey] = toObjectIdIfHex(row[spec.foreignKey]);
  return doc;
}

function exposedPivotRow(spec: PivotSpec, doc: Document): Record<string, unknown> {
  const { _id, ...row } = doc;
  void _id;
  row[spec.localKey] = exposeKey(row[spec.localKey]);
  row[spec.foreignKey] = exposeKey(row[spec.foreignKey]);
  return row;
}

// ---- document references: the pivot operations mapped onto the owner's id array ----------------------

function ownerCollection(relation: ResolvedRelation) {
  return getMongoConnection(relation.ownerMeta.connection).db.collection(relation.ownerMeta.table);
}

async function referenceRows(relation: ResolvedRelation, spec: PivotSpec, ownerKeys: readonly unknown[]) {
  const field = relation.foreignKey;
  const rows: Record<string, unknown>[] = [];
  for (const part of chunkKeys(ownerIds(relation, ownerKeys))) {
    const docs = await ownerCollection(relation)
      .find({ _id: { $in: part } } as Document, { projection: { [field]: 1 } })
      .toArray();
    for (const d of docs) {
      const ids = Array.isArray(d[field]) ? (d[field] as unknown[]) : [];
      for (const id of ids) rows.push({ [spec.localKey]: exposeKey(d._id), [spec.foreignKey]: exposeKey(id) });
    }
  }
  return rows;
}

async function addReferences(relation: ResolvedRelation, spec: PivotSpec, rows: Record<string, unknown>[]) {
  const byOwner = new Map<unknown, unknown[]>();
  for (const r of rows) {
    const list = byOwner.get(r[spec.localKey]);
    if (list) list.push(r[spec.foreignKey]);
    else byOwner.set(r[spec.localKey], [r[spec.foreignKey]]);
  }
  for (const [owner, ids] of byOwner) {
    await ownerCollection(relation).updateOne({ _id: { $in: ownerIds(relation, [owner]) } } as Document, {
      $addToSet: { [relation.foreignKey]: { $each: ids.map(toObjectIdIfHex) } },
    });
  }
}

async function removeReferences(relation: ResolvedRelation, ownerKey: unknown, relatedKeys: readonly unknown[] | undefined) {
  const filter = { _id: { $in: ownerIds(relation, [ownerKey]) } } as Document;
  const field = relation.foreignKey;
  const doc = await ownerCollection(relation).findOne(filter, { projection: { [field]: 1 } });
  const current = doc && Array.isArray(doc[field]) ? (doc[field] as unknown[]) : [];
  if (!relatedKeys) {
    await ownerCollection(relation).updateOne(filter, { $set: { [field]: [] } });
    return current.length;
  }
  const drop = new Set(relatedKeys.map((k) => String(exposeKey(k))));
  const removed = current.filter((id) => drop.has(String(exposeKey(id)))).length;
  // $pullAll of the forms the array may hold, not `$pull: { $in }`: the same for scalar ids, and FerretDB reads
  // `$pull`'s condition as a literal document (nothing is removed).
  if (removed)
    await ownerCollection(relation).updateOne(filter, {
      $pullAll: { [field]: expandKeys(relatedKeys, keyStorage(relation.ownerMeta, field)) },
    } as Document);
  return removed;
}

export const mongoAdapter: StoreAdapter = {
  relationHandler: (relation) => (usesDocumentReferences(relation) ? documentReferences : undefined),
  async fetchByKeys(request) {
    if (request.ofMany) {
      throw new RelationError(
        `${request.model.name}: a one-of-many hasOne/morphOne (latestOfMany / oldestOfMany / ofMany) is not supported on MongoDB models yet. ` +
          `Use a hasMany with an ordered constraint and take the first, e.g. related("...").orderBy("${request.ofMany.column}", "${request.ofMany.aggregate === "max" ? "desc" : "asc"}").first().`,
      );
    }
    const parts = chunkKeys(expandKeys(request.values, keyStorage(modelMeta(request.model), request.column)));
    const out: Model[] = [];
    for (const part of parts) {
      const models = await keyedQuery(request, part).get();
      if (parts.length === 1) return models;
      for (const m of models) out.push(m);
    }
    return out;
  },

  async countByKeys(request) {
    const meta = modelMeta(request.model);
    const field = fieldFor(meta, request.column);
    // One key may be stored in several forms (ObjectId and hex, 5 and "5"): their counts add up.
    const totals = new Map<string, [unknown, number]>();
    for (const part of chunkKeys(expandKeys(request.values, keyStorage(meta, request.column)))) {
      const q = keyedQuery(request, part);
      await q.resolve();
      const rows = await q
        .collection()
        .aggregate([{ $match: q.toFilter() }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }])
        .toArray();
      for (const r of rows) {
        const key = exposeColumnValue(meta, request.column, r._id);
        const k = String(key);
        const entry = totals.get(k);
        if (entry) entry[1] += Number(r.n);
        else totals.set(k, [key, Number(r.n)]);
      }
    }
    return [...totals.values()];
  },

  async fetchPivotRows(spec, ownerKeys) {
    const refs = documentReferenceFor(spec);
    if (refs) return referenceRows(refs, spec, ownerKeys);
    const out: Record<string, unknown>[] = [];
    for (const part of chunkKeys(expandKeys(ownerKeys, PIVOT_KEYS))) {
      const docs = await pivotCollection(spec)
        .find({ ...spec.where, [spec.localKey]: { $in: part } })
        .toArray();
      for (const d of docs) out.push(exposedPivotRow(spec, d));
    }
    return out;
  },

  async insertPivotRows(spec, rows) {
    if (!rows.length) return;
    const refs = documentReferenceFor(spec);
    if (refs) return addReferences(refs, spec, rows);
    await pivotCollection(spec).insertMany(rows.map((r) => storedPivotRow(spec, r)));
  },

  async deletePivotRows(spec, ownerKey, relatedKeys) {
    const refs = documentReferenceFor(spec);
    if (refs) return removeReferences(refs, ownerKey, relatedKeys);
    const filter: Document = { ...spec.where, [spec.localKey]: { $in: expandKeys([ownerKey], PIVOT_KEYS) } };
    if (!relatedKeys) return (await pivotCollection(spec).deleteMany(filter)).deletedCount;
    let n = 0;
    for (const part of chunkKeys(expandKeys(relatedKeys, PIVOT_KEYS))) {
      n += (await pivotCollection(spec).deleteMany({ ...filter, [spec.foreignKey]: { $in: part } })).deletedCount;
    }
    return n;
  },

  async updatePivotRow(spec, ownerKey, relatedKey, values) {
    const refs = documentReferenceFor(spec);
    if (refs) {
      throw new RelationError(
        `${refs.owner.name}.${refs.name} stores document references (the ${refs.foreignKey} array): there is no pivot row to update. ` +
          `Give the relation pivotTable/pivotLocalKey/pivotForeignKey to keep values per link in a pivot collection.`,
      );
    }
    const res = await pivotCollection(spec).updateMany(
      {
        ...spec.where,
        [spec.localKey]: { $in: expandKeys([ownerKey], PIVOT_KEYS) },
        [spec.foreignKey]: { $in: expandKeys([relatedKey], PIVOT_KEYS) },
      },
      { $set: { ...values } },
    );
    return res.matchedCount;
  },

  atomic(model, work) {
    return runAtomically(getMongoConnection(modelMeta(model).connection), work);
  },
};
