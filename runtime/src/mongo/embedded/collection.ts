/**
 * An in-process collection with the driver's semantics for the operations the runtime uses.
 * Matching, update operators and projection come from mingo, sorting from sort.ts (the server's rules); this file adds what a server
 * adds around them: the unique `_id` index, generated ObjectIds, copy-in/copy-out storage, write
 * results shaped like the driver's, upserts, and command events.
 *
 * Every method is synchronous inside its promise, so each operation is atomic (as one document
 * write is on a server; the counter collection relies on it).
 */
import { mingo } from "./mingo";
import { mongoDriver } from "../driver";
import {
  type CountDocumentsOptions,
  type DeleteResult,
  type Document,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type InsertManyResult,
  type InsertOneResult,
  type Sort,
  type UpdateFilter,
  type UpdateOptions,
  type UpdateResult,
  type WithId,
} from "mongodb";
import type { BulkUpsertResult, CollectionPort, CursorPort, UpsertOperation } from "../port";
import { EmbeddedStoreError } from "./errors";
import { cloneDocument } from "./clone";
import { idKey, scalarKey } from "./hash-key";
import { splitLinearPatterns, withLinearPatterns, type DocumentCheck } from "./glob";
import { isJournaling, recordDelete, recordInsert, recordReplace } from "./journal";
import { matchesExcluded, matchesIndexed, MINGO_OPTIONS, ownField, planFilter, type QueryPlan } from "./plan";
import { sortDocuments } from "./sort";

/** The like patterns the store matches itself (glob.ts), before mingo sees the rest of the filter. */
function passes(doc: Document, checks: readonly DocumentCheck[]): boolean {
  for (let i = 0; i < checks.length; i++) if (!checks[i]!(doc)) return false;
  return true;
}

/** `matches`, with the indexed field's hash key cached on the entry (an index, in effect). */
function entryMatches(entry: Entry, plan: QueryPlan): boolean {
  const indexed = plan.indexed;
  if (indexed) {
    const cache = (entry.keys ??= new Map());
    let key = cache.get(indexed.field);
    if (key === undefined) {
      key = scalarKey(ownField(entry.doc, indexed.field)) ?? null;
      cache.set(indexed.field, key);
    }
    if (key !== null ? !indexed.keys.has(key) : !matchesIndexed(entry.doc, indexed)) return false;
  }
  for (const excluded of plan.excluded) if (!matchesExcluded(entry.doc, excluded)) return false;
  return plan.residual === undefined || plan.residual.test(entry.doc);
}

interface Entry {
  seq: number;
  doc: WithId<Document>;
  /** Hash keys of top-level fields, computed on first use (documents are replaced, never mutated, on write). */
  keys?: Map<string, string | null>;
}

/** A collection's data, shared by every connection to the same embedded server. */
export interface CollectionData {
  /** By `_id` key, in natural (insertion) order. */
  readonly entries: Map<string, Entry>;
  seq: number;
  /** Secondary indexes (metadata; unique ones are enforced on every write). */
  readonly indexes: IndexInfo[];
}

export interface IndexInfo {
  name: string;
  key: Record<string, 1 | -1>;
  unique: boolean;
}

export function newCollectionData(): CollectionData {
  return { entries: new Map(), seq: 0, indexes: [] };
}

/** A document's values under a unique index (missing counts as null, as on the server). */
function uniqueKey(doc: Document, index: IndexInfo): string {
  return Object.keys(index.key)
    .map((path) => {
      let v: unknown = doc;
      for (const part of path.split("."))
        v = v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, part) ? (v as Document)[part] : undefined;
      return idKey(v ?? null);
    })
    .join("\u0001");
}

export { EmbeddedStoreError };

export type CommandReporter = (collection: string, command: string, filter: unknown, started: number, error?: Error) => void;

export class EmbeddedCollection implements CollectionPort {
  readonly #entries: Map<string, Entry>;
  readonly #data: CollectionData;
  readonly #report: CommandReporter;

  constructor(
    readonly collectionName: string,
    readonly databaseName: string,
    data: CollectionData,
    report: CommandReporter,
  ) {
    this.#data = data;
    this.#entries = data.entries;
    this.#report = report;
  }

  /** Number of stored documents (no command event; for tests and diagnostics). */
  get size(): number {
    return this.#entries.size;
  }

  #run<T>(command: string, filter: unknown, work: () => T): Promise<T> {
    const started = performance.now();
    try {
      const result = work();
      this.#report(this.collectionName, command, filter, started);
      return Promise.resolve(result);
    } catch (error) {
      this.#report(this.collectionName, command, filter, started, error as Error);
      return Promise.reject(error);
    }
  }

  // ---- reads ----------------------------------------------------------------------------------------

  /** Matching entries in natural (insertion) order. */
  #select(filter: Filter<Document> | undefined): Entry[] {
    assertDocument(filter ?? {}, "filter");
    // Filters go through the same BSON value rules as documents (Int32(5) is 5, undefined is null).
    const split = splitLinearPatterns(withLinearPatterns(cloneDocument(filter ?? {})) as Record<string, unknown>);
    const plan = planFilter(split.filter as Document);
    const checks = split.checks;
    const out: Entry[] = [];
    if (plan.indexed?.field === "_id" && plan.indexed.keys.size * 4 < this.#entries.size) {
      // The `_id` index: direct lookups instead of a scan.
      for (const key of plan.indexed.keys) {
        const entry = this.#entries.get(key); // idKey(scalar) === scalarKey(scalar)
        if (entry && passes(entry.doc, checks) && entryMatches(entry, plan)) out.push(entry);
      }
      return out.sort((a, b) => a.seq - b.seq);
    }
    for (const entry of this.#entries.values()) if (passes(entry.doc, checks) && entryMatches(entry, plan)) out.push(entry);
    return out;
  }

  #findDocs(filter: Filter<Document> | undefined, options: FindOptions = {}): Document[] {
    let docs: Document[] = this.#select(filter).map((e) => e.doc);
    const sort = normaliseSort(options.sort);
    const skip = nonNegative(options.skip, "skip");
    const limit = Math.abs(options.limit ?? 0);
    const projection = options.projection && Object.keys(options.projection).length ? options.projection : undefined;
    if (sort) docs = sortDocuments(docs, sort);
    if (skip || limit) {
      docs = docs.slice(skip, limit ? skip + limit : undefined);
    }
    if (projection) docs = new (mingo().Query)({}, MINGO_OPTIONS).find<Document>(docs, projection).all();
    return docs.map(cloneDocument);
  }

  find(filter: Filter<Document> = {}, options?: FindOptions): CursorPort<WithId<Document>> {
    // The driver sends `find` when the cursor is read; so does this store.
    return {
      toArray: () => this.#run("find", filter, () => this.#findDocs(filter, options) as WithId<Document>[]),
    };
  }

  findOne(filter: Filter<Document> = {}, options: FindOptions = {}): Promise<WithId<Document> | null> {
    return this.#run("find", filter, () => (this.#findDocs(filter, { ...options, limit: 1 })[0] as WithId<Document>) ?? null);
  }

  aggregate(pipeline: Document[]): CursorPort<Document> {
    return {
      toArray: () =>
        this.#run("aggregate", pipeline[0]?.$match, () => {
          if (!Array.isArray(pipeline)) throw new EmbeddedStoreError("aggregate() expects a pipeline array.");
          // A leading $match uses the planner (hash lookups); mingo runs the remaining stages.
          const [first, ...rest] = pipeline;
          const matched =
            first && "$match" in first
              ? this.#select(first.$match as Filter<Document>).map((e) => e.doc)
              : this.#select({}).map((e) => e.doc);
          const stages = first && "$match" in first ? rest : pipeline;
          const out = stages.length ? new (mingo().Aggregator)(stages, MINGO_OPTIONS).run(matched) : matched;
          return out.map(cloneDocument) as Document[];
        }),
    };
  }

  countDocuments(filter: Filter<Document> = {}, options: CountDocumentsOptions = {}): Promise<number> {
    // The driver implements countDocuments as an aggregation.
    return this.#run("aggregate", filter, () => {
      const n = this.#select(filter).length - nonNegative(options.skip, "skip");
      return Math.max(0, options.limit ? Math.min(n, options.limit) : n);
    });
  }

  // ---- unique indexes -------------------------------------------------------------------------------

  /** E11000 when `doc` would share a unique index's values with another document than `self`. */
  #assertUnique(doc: Document, self: Entry | undefined): void {
    for (const index of this.#data.indexes) {
      if (!index.unique) continue;
      const key = uniqueKey(doc, index);
      for (const entry of this.#entries.values()) {
        if (entry !== self && idKey(entry.doc._id) !== idKey(doc._id) && uniqueKey(entry.doc, index) === key) {
          const shown = Object.keys(index.key)
            .map((f) => `${f}: ${JSON.stringify(String(doc[f] ?? null))}`)
            .join(", ");
          throw Object.assign(
            new EmbeddedStoreError(
              `E11000 duplicate key error collection: ${this.databaseName}.${this.collectionName} index: ${index.name} dup key: { ${shown} }`,
              11000,
            ),
            { keyPattern: { ...index.key } },
          );
        }
      }
    }
  }

  createIndex(keys: Record<string, 1 | -1>, options: { name?: string; unique?: boolean } = {}): Promise<string> {
    return this.#run("createIndexes", undefined, () => {
      assertDocument(keys, "index key");
      const fields = Object.keys(keys);
      if (!fields.length || fields.some((f) => keys[f] !== 1 && keys[f] !== -1)) {
        throw new EmbeddedStoreError(
          `The embedded store creates ascending/descending indexes only ({ field: 1 | -1 }), got ${JSON.stringify(keys)}.`,
          67,
        );
      }
      const name = options.name ?? fields.map((f) => `${f}_${keys[f]}`).join("_");
      const same = (k: Record<string, number>) => JSON.stringify(k) === JSON.stringify(keys);
      const byName = this.#data.indexes.find((i) => i.name === name);
      if (byName) {
        if (!same(byName.key) || byName.unique !== Boolean(options.unique)) {
          throw new EmbeddedStoreError(
            `An existing index has the same name as the requested index but different keys or options: ${name}`,
            86,
          );
        }
        return name;
      }
      if (fields.length === 1 && fields[0] === "_id") return "_id_";
      const index: IndexInfo = { name, key: { ...keys }, unique: Boolean(options.unique) };
      if (index.unique) {
        const seen = new Set<string>();
        for (const entry of this.#entries.values()) {
          const k = uniqueKey(entry.doc, index);
          if (seen.has(k))
            throw new EmbeddedStoreError(
              `E11000 duplicate key error collection: ${this.databaseName}.${this.collectionName} index: ${name}`,
              11000,
            );
          seen.add(k);
        }
      }
      this.#data.indexes.push(index);
      return name;
    });
  }

  indexes(): Promise<Document[]> {
    return this.#run("listIndexes", undefined, () => [
      { v: 2, key: { _id: 1 }, name: "_id_" },
      ...this.#data.indexes.map((i) => ({ v: 2, key: { ...i.key }, name: i.name, ...(i.unique ? { unique: true } : {}) })),
    ]);
  }

  // ---- inserts --------------------------------------------------------------------------------------

  /** `sized`: the caller measured the document already (insertMany measures the whole batch first). */
  #insert(doc: Document, sized = false): unknown {
    assertDocument(doc, "document");
    // Like the driver, a missing _id is generated and written back onto the caller's document.
    if (doc._id === undefined) doc._id = new (mongoDriver().ObjectId)();
    const stored = cloneDocument(doc) as WithId<Document>;
    const size = sized ? 0 : bsonSize(stored);
    if (size > MAX_BSON_SIZE) {
      throw new EmbeddedStoreError(`object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`, 10334);
    }
    const key = idKey(stored._id);
    this.#assertUnique(stored, undefined);
    if (this.#entries.has(key)) {
      throw new EmbeddedStoreError(
        `E11000 duplicate key error collection: ${this.databaseName}.${this.collectionName} index: _id_ dup key: { _id: ${String(stored._id)} }`,
        11000,
      );
    }
    const entry: Entry = { seq: this.#data.seq++, doc: stored };
    this.#entries.set(key, entry);
    recordInsert(this.#entries, key, entry);
    return stored._id;
  }

  insertOne(doc: Document): Promise<InsertOneResult<Document>> {
    return this.#run("insert", undefined, () => ({ acknowledged: true, insertedId: this.#insert(doc) as never }));
  }

  insertMany(docs: readonly Document[]): Promise<InsertManyResult<Document>> {
    return this.#run("insert", undefined, () => {
      if (!Array.isArray(docs)) throw new EmbeddedStoreError("insertMany() expects an array of documents.");
      // The driver measures every document before sending any (its MongoInvalidArgumentError).
      for (const d of docs) {
        if (d !== null && typeof d === "object" && bsonSize(d) >= MAX_BSON_SIZE) {
          throw new EmbeddedStoreError(`Document is larger than the maximum size ${MAX_BSON_SIZE}`);
        }
      }
      // Ordered, like the driver's default: documents before a failing one stay inserted.
      const insertedIds: Record<number, never> = {};
      docs.forEach((d, i) => (insertedIds[i] = this.#insert(d, true) as never));
      return { acknowledged: true, insertedCount: docs.length, insertedIds };
    });
  }

  // ---- updates --------------------------------------------------------------------------------------

  /** Applies an update document to a copy of `doc`; returns the copy and whether anything changed. */
  #applied(doc: Document, update: Document, inserting: boolean): { next: WithId<Document>; changed: boolean } {
    const { $setOnInsert, ...operators } = cloneDocument(update);
    const next = cloneDocument(doc) as WithId<Document>;
    let changed = false;
    if (Object.keys(operators).length) changed = mingo().update(next, operators, undefined, undefined, { cloneMode: "none" }).length > 0;
    if (inserting && $setOnInsert) {
      // The server lets an upsert's insert set `_id` ($setOnInsert: { _id }); mingo guards the path, so set it here.
      const { _id, ...rest } = $setOnInsert as Document;
      if (_id !== undefined) next._id = _id as never;
      if (Object.keys(rest).length)
        changed = mingo().update(next, { $set: rest }, undefined, undefined, { cloneMode: "none" }).length > 0 || changed;
    }
    if (!inserting && idKey(next._id) !== idKey(doc._id)) {
      throw new EmbeddedStoreError(`Performing an update on the path '_id' would modify the immutable field '_id'`, 66);
    }
    if (changed && bsonSize(next) > MAX_BSON_SIZE) {
      throw new EmbeddedStoreError(`Resulting document after update is larger than ${MAX_BSON_SIZE}`, 17419);
    }
    return { next, changed };
  }

  #update(filter: Filter<Document>, update: UpdateFilter<Document>, options: UpdateOptions, many: boolean): UpdateResult<Document> {
    assertUpdate(update);
    const hits = this.#select(filter);
    const targets = many ? hits : hits.slice(0, 1);
    let modified = 0;
    for (const entry of targets) {
      const { next, changed } = this.#applied(entry.doc, update as Document, false);
      if (changed) {
        this.#assertUnique(next, entry);
        recordReplaceOf(entry, next);
        modified++;
      }
    }
    if (!hits.length && options.upsert) {
      const id = this.#upsert(filter, update as Document);
      return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: id as never };
    }
    return { acknowledged: true, matchedCount: targets.length, modifiedCount: modified, upsertedCount: 0, upsertedId: null };
  }

  /** Inserts the filter's equality fields with the update applied (the server's upsert). */
  #upsert(filter: Filter<Document>, update: Document): unknown {
    const seed: Document = {};
    for (const [field, condition] of Object.entries(filter as Document)) {
      if (field.startsWith("$") || field.includes(".")) continue;
      if (condition !== null && typeof condition === "object" && !Array.isArray(condition) && scalarKey(condition) === undefined) {
        const ops = Object.keys(condition);
        if (ops.length === 1 && ops[0] === "$eq") seed[field] = (condition as Document).$eq;
        else if (ops.some((o) => !o.startsWith("$"))) seed[field] = condition;
      } else seed[field] = condition;
    }
    const { next } = this.#applied(seed, update, true);
    return this.#insert(next);
  }

  updateOne(filter: Filter<Document>, update: UpdateFilter<Document>, options: UpdateOptions = {}): Promise<UpdateResult<Document>> {
    return this.#run("update", filter, () => this.#update(filter, update, options, false));
  }

  /** The server's ordered bulk write of upserts: one `update` command, applied in order, stopping at the first error. */
  bulkWrite(operations: readonly UpsertOperation[]): Promise<BulkUpsertResult> {
    return this.#run("update", undefined, () => {
      const total = { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
      for (const { updateOne } of operations) {
        const r = this.#update(updateOne.filter, updateOne.update, { upsert: updateOne.upsert }, false);
        total.matchedCount += r.matchedCount;
        total.modifiedCount += r.modifiedCount;
        total.upsertedCount += r.upsertedCount;
      }
      return total;
    });
  }

  updateMany(filter: Filter<Document>, update: UpdateFilter<Document>, options: UpdateOptions = {}): Promise<UpdateResult<Document>> {
    return this.#run("update", filter, () => this.#update(filter, update, options, true));
  }

  findOneAndUpdate(
    filter: Filter<Document>,
    update: UpdateFilter<Document>,
    options: FindOneAndUpdateOptions = {},
  ): Promise<WithId<Document> | null> {
    return this.#run("findAndModify", filter, () => {
      assertUpdate(update);
      const sort = normaliseSort(options.sort);
      let hits = this.#select(filter);
      if (sort && hits.length > 1) {
        const order = sortDocuments(
          hits.map((e) => e.doc),
          sort,
        );
        const byDoc = new Map(hits.map((e) => [e.doc, e]));
        hits = order.map((d) => byDoc.get(d)!);
      }
      const after = options.returnDocument === "after";
      const entry = hits[0];
      let result: Document | null;
      if (entry) {
        const before = entry.doc;
        const { next } = this.#applied(entry.doc, update as Document, false);
        this.#assertUnique(next, entry);
        recordReplaceOf(entry, next);
        result = after ? entry.doc : before;
      } else if (options.upsert) {
        const id = this.#upsert(filter, update as Document);
        result = after ? this.#entries.get(idKey(id))!.doc : null;
      } else result = null;
      if (result && options.projection && Object.keys(options.projection).length) {
        result = new (mingo().Query)({}, MINGO_OPTIONS).find<Document>([result], options.projection).all()[0]!;
      }
      return result ? (cloneDocument(result) as WithId<Document>) : null;
    });
  }

  // ---- deletes --------------------------------------------------------------------------------------

  #delete(filter: Filter<Document>, many: boolean): DeleteResult {
    const hits = this.#select(filter);
    const targets = many ? hits : hits.slice(0, 1);
    for (const entry of targets) {
      const key = idKey(entry.doc._id);
      this.#entries.delete(key);
      recordDelete(this.#entries, key, entry);
    }
    return { acknowledged: true, deletedCount: targets.length };
  }

  deleteOne(filter: Filter<Document> = {}): Promise<DeleteResult> {
    return this.#run("delete", filter, () => this.#delete(filter, false));
  }

  deleteMany(filter: Filter<Document> = {}): Promise<DeleteResult> {
    return this.#run("delete", filter, () => this.#delete(filter, true));
  }

  /** Removes every document (the collection object stays usable, like a dropped-and-recreated one). */
  drop(): Promise<boolean> {
    return this.#run("drop", undefined, () => {
      if (isJournaling()) for (const [key, entry] of this.#entries) recordDelete(this.#entries, key, entry);
      this.#entries.clear();
      this.#data.indexes.length = 0; // dropping a collection drops its indexes
      return true;
    });
  }
}

/** The server's document limit (16 MiB of BSON), enforced on every stored document. */
export const MAX_BSON_SIZE = 16 * 1024 * 1024;

function bsonSize(doc: Document): number {
  return mongoDriver().BSON.calculateObjectSize(doc, { ignoreUndefined: false });
}

/** Replaces a stored document (the journal keeps the previous one for an undo). */
function recordReplaceOf(entry: Entry, next: WithId<Document>): void {
  const before = entry.doc;
  entry.doc = next;
  entry.keys = undefined;
  recordReplace(entry, before);
}

function assertDocument(value: unknown, what: string): asserts value is Document {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new EmbeddedStoreError(
      `The embedded store expected a ${what} object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}.`,
    );
  }
}

function assertUpdate(update: unknown): void {
  if (Array.isArray(update)) {
    throw new EmbeddedStoreError("The embedded store does not run aggregation-pipeline updates; use update operators ($set, $inc, …).");
  }
  assertDocument(update, "update");
  const keys = Object.keys(update);
  if (!keys.length || keys.some((k) => !k.startsWith("$"))) {
    // The driver's own check (MongoInvalidArgumentError), same wording.
    throw new EmbeddedStoreError("Update document requires atomic operators");
  }
}

function nonNegative(value: number | undefined, what: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new EmbeddedStoreError(`${what} must be a non-negative integer, got ${String(value)}.`);
  return value;
}

/** The driver's Sort forms → `{ field: 1 | -1 }`. */
export function normaliseSort(sort: Sort | undefined): Record<string, 1 | -1> | undefined {
  if (sort === undefined || sort === null) return undefined;
  const out: Record<string, 1 | -1> = {};
  const dir = (d: unknown, field: string): 1 | -1 => {
    if (d === 1 || d === "asc" || d === "ascending") return 1;
    if (d === -1 || d === "desc" || d === "descending") return -1;
    throw new EmbeddedStoreError(`Sort direction for '${field}' must be 1, -1, "asc" or "desc", got ${JSON.stringify(d)}.`);
  };
  if (typeof sort === "string") out[sort] = 1;
  else if (Array.isArray(sort)) {
    if (sort.length === 2 && typeof sort[0] === "string" && !Array.isArray(sort[1])) out[sort[0]] = dir(sort[1], sort[0]);
    else
      for (const item of sort as unknown[]) {
        if (typeof item === "string") out[item] = 1;
        else if (Array.isArray(item)) out[String(item[0])] = dir(item[1], String(item[0]));
      }
  } else if (sort instanceof Map) for (const [k, d] of sort) out[String(k)] = dir(d, String(k));
  else for (const [k, d] of Object.entries(sort as Record<string, unknown>)) out[k] = dir(d, k);
  return Object.keys(out).length ? out : undefined;
}
