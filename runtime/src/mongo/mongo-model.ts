/**
 * `MongoModel<Attrs>`: a model stored in a MongoDB collection through the official driver (or the
 * embedded store). Same model and query API as `SqlModel` where semantics allow.
 *
 *   class Photo extends MongoModel<{ id?: string; path?: string }> { static schema = { ... } }
 *   const photo = await Photo.create({ path: "a.jpg" });   photo.id  // 24-hex string of the ObjectId _id
 *
 * `id` and `_id` name the same attribute: the document's `_id`, exposed as a hex string when it is
 * an ObjectId, or as a number when the schema declares `column("increments")` (atomic counter).
 */
import { mongoDriver } from "./driver";
import { reloadRelations } from "../relations/load-missing";
import { EloquentError, ModelNotFoundError } from "../model/errors";
import { Model } from "../model/model";
import { modelMeta, type ModelMeta } from "../model/meta";
import { modelsForInsert, stampCreate } from "../model/timestamps";
import type { DeclaredStatics, ModelClass, SchemaShape } from "../model/types";
import type { QueryConstraint } from "../relations/adapter";
import type { Column, WithPath } from "../model/base-query";
import { mongoAdapter } from "./mongo-adapter";
import { nextIds, usesCounter } from "./counter";
import { collectionFor, documentToRow, rowToDocument } from "./documents";
import { expandKeys } from "./ids";
import { MongoQuery } from "./mongo-query";
import type { MorphConstraint } from "./morph-existence";
import { keyStorage } from "./mongo-values";
import { mongoUpsert } from "./mongo-upsert";
import type { CreateInput, Drift, ModelOf, OptOutModelBase, QueryModelOf, TypedModel } from "../types/model-of";
import type { AttrsDisagreeWithSchema, SchemaHolder } from "../types/attributes";
import type { ComparisonOperator, CountArg, MongoWhereValues, PatternOperator, WhereValueIn, Rebind, WithArg } from "../types/query";
import type { Counted, Loaded, PathsOf } from "../types/relations";

export type MongoModelClass<M extends MongoModelBase = MongoModelBase> = ModelClass<M>;

type SchemaOf<C> = C extends SchemaHolder ? C["schema"] : SchemaShape;
/** The query of a model class, over its schema-typed model (types/model-of.ts). */
type QueryOf<C extends MongoModelClass<any>> = [Drift<C>] extends [never]
  ? MongoQuery<TypedModel<C>, SchemaOf<C>> & OptOutModelBase<C, MongoModelBase>
  : AttrsDisagreeWithSchema<Drift<C>>;
/** The statics build an untyped query and return it as QueryOf<C> (its types are checked at the call). */
type AnyMongoQuery = MongoQuery<any, any>;
/** Arguments of a builder method whose parameters depend on the schema only (the shorthand existence forms). */
type QueryArgs<C, K extends keyof MongoQuery<any, any>> = MongoQuery<any, SchemaOf<C>>[K] extends (...args: infer P) => unknown ? P : never;

/** `id` is the document's `_id` (the attribute is stored under `_id`, the document's own key). */
const alias = (key: string) => (key === "id" ? "_id" : key);

export class MongoModelBase<A extends object = any> extends Model<A> {
  static override readonly store = "mongo" as const;
  static readonly adapter = mongoAdapter;

  // ---- id / _id alias -------------------------------------------------------------------------------

  override get<K extends keyof A & string>(key: K): A[K];
  override get(key: string): unknown;
  override get(key: string): unknown {
    return super.get(alias(key));
  }
  override set<K extends keyof A & string>(key: K, value: A[K]): this;
  override set(key: string, value: unknown): this;
  override set(key: string, value: unknown): this {
    return super.set(alias(key), value);
  }
  override getKey(): unknown {
    return super.get("_id");
  }
  /** The document's `_id` (hex string for ObjectIds). */
  get id(): any {
    return super.get("_id");
  }
  set id(value: any) {
    super.set("_id", value);
  }

  /** Attributes and loaded relations, with `_id` shown as `id`. */
  override toJSON(): Record<string, unknown> {
    const raw = super.toJSON();
    if (!("_id" in raw)) return raw;
    const out: Record<string, unknown> = { id: raw._id };
    for (const k in raw) if (k !== "_id") out[k] = raw[k];
    return out;
  }

  // ---- static queries -------------------------------------------------------------------------------

  static query<C extends MongoModelClass<any>>(this: C): QueryOf<C> {
    return new MongoQuery(this) as QueryOf<C>;
  }

  static where<C extends MongoModelClass<any>>(this: C, group: (q: QueryOf<C>) => unknown): QueryOf<C>;
  static where<C extends MongoModelClass<any>>(this: C, values: Partial<MongoWhereValues<SchemaOf<C>>>): QueryOf<C>;
  static where<C extends MongoModelClass<any>, K extends Column<SchemaOf<C>> | "id">(
    this: C,
    column: K,
    value: WhereValueIn<MongoWhereValues<SchemaOf<C>>, K>,
  ): QueryOf<C>;
  static where<C extends MongoModelClass<any>, K extends Column<SchemaOf<C>> | "id">(
    this: C,
    column: K,
    operator: ComparisonOperator,
    value: WhereValueIn<MongoWhereValues<SchemaOf<C>>, K>,
  ): QueryOf<C>;
  static where<C extends MongoModelClass<any>>(
    this: C,
    column: Column<SchemaOf<C>> | "id",
    operator: PatternOperator,
    pattern: string,
  ): QueryOf<C>;
  static where<C extends MongoModelClass<any>>(this: C, ...args: unknown[]): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.where as (...a: unknown[]) => never).apply(q, args);
  }

  static whereIn<C extends MongoModelClass<any>, K extends Column<SchemaOf<C>> | "id">(
    this: C,
    column: K,
    values: readonly WhereValueIn<MongoWhereValues<SchemaOf<C>>, K>[],
  ): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).whereIn(column as never, values as never) as never;
  }

  static with<C extends MongoModelClass<any>, const A extends readonly WithArg<SchemaOf<C>>[]>(
    this: C,
    ...specs: A
  ): Rebind<QueryOf<C>, QueryModelOf<C> & Loaded<SchemaOf<C>, PathsOf<A[number]>, QueryModelOf<C>>> {
    return (new MongoQuery(this) as AnyMongoQuery).with(...(specs as unknown as never[])) as never;
  }

  static withCount<C extends MongoModelClass<any>, const A extends readonly CountArg<SchemaOf<C>>[]>(
    this: C,
    ...specs: A
  ): Rebind<QueryOf<C>, QueryModelOf<C> & Counted<A>> {
    return (new MongoQuery(this) as AnyMongoQuery).withCount(...(specs as unknown as never[])) as never;
  }

  static orderBy<C extends MongoModelClass<any>>(
    this: C,
    column: Column<SchemaOf<C>> | "id",
    direction: "asc" | "desc" = "asc",
  ): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).orderBy(column as Column<SchemaOf<C>>, direction) as never;
  }

  static sum<C extends MongoModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<number> {
    return (new MongoQuery(this) as AnyMongoQuery).sum(column);
  }
  static avg<C extends MongoModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<number | null> {
    return (new MongoQuery(this) as AnyMongoQuery).avg(column);
  }
  static min<C extends MongoModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<unknown> {
    return (new MongoQuery(this) as AnyMongoQuery).min(column);
  }
  static max<C extends MongoModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<unknown> {
    return (new MongoQuery(this) as AnyMongoQuery).max(column);
  }

  // ---- static writes --------------------------------------------------------------------------------

  /**
   * Inserts rows, updating those that match on `uniqueBy` (one ordered bulk write per chunk). Without
   * `update`, every written column not in `uniqueBy` is updated. Returns the number of rows written.
   */
  static upsert<C extends MongoModelClass<any>>(
    this: C,
    rows: ReadonlyArray<CreateInput<C>>,
    uniqueBy: Column<SchemaOf<C>> | "id" | readonly (Column<SchemaOf<C>> | "id")[],
    update?: readonly Column<SchemaOf<C>>[],
  ): Promise<number> {
    return mongoUpsert(this, rows as ReadonlyArray<Record<string, unknown>>, uniqueBy as string | string[], update as string[] | undefined);
  }

  /** Inserts many documents with one insertMany (and one counter update for increments ids). */
  static async createMany<C extends MongoModelClass<any>>(this: C, rows: ReadonlyArray<CreateInput<C>>): Promise<ModelOf<C>[]> {
    const meta = modelMeta(this);
    if (!rows.length) return [];
    const models = modelsForInsert(this as unknown as new () => MongoModelBase, meta, rows as ReadonlyArray<Record<string, unknown>>);
    await assignIds(meta, models);
    const docs = models.map((m) => rowToDocument(meta, m.getAttributes() as Record<string, unknown>, "createMany()"));
    try {
      await collectionFor(meta).insertMany(docs);
    } catch (error) {
      throw duplicateKeyError(meta, error);
    }
    for (const m of models) m.syncOriginal(true);
    return models as ModelOf<C>[];
  }

  // ---- instance writes ------------------------------------------------------------------------------

  /** insertOne when new; otherwise `$set`/`$unset` of the changed fields only. */
  async save(): Promise<this> {
    const meta = modelMeta(this.constructor as MongoModelClass);
    const now = new Date();
    if (!this.isPersisted()) {
      stampCreate(meta, this, now);
      await assignIds(meta, [this]);
      try {
        await collectionFor(meta).insertOne(rowToDocument(meta, this.getAttributes() as Record<string, unknown>, "save()"));
      } catch (error) {
        throw duplicateKeyError(meta, error, this.get("_id"));
      }
      this.syncOriginal(true);
      return this;
    }
    const dirty = this.getDirty() as Record<string, unknown>;
    if ("_id" in dirty) {
      throw new EloquentError(
        `${meta.name}.save(): the id of a stored document cannot change (MongoDB's _id is immutable). Create a new ${meta.name} instead.`,
      );
    }
    if (!Object.keys(dirty).length) return this;
    if (meta.timestamps && !("updated_at" in dirty)) {
      this.set("updated_at", now);
      dirty.updated_at = now;
    }
    const unset: Record<string, ""> = {};
    for (const [k, v] of Object.entries(dirty)) if (v === undefined) unset[k] = "";
    const set = rowToDocument(meta, dirty, "save()");
    const update: Record<string, unknown> = {};
    if (Object.keys(set).length) update.$set = set;
    if (Object.keys(unset).length) update.$unset = unset;
    try {
      await collectionFor(meta).updateOne(MongoModelBase.#filter(this, meta), update);
    } catch (error) {
      throw duplicateKeyError(meta, error); // a unique index refused the new values
    }
    this.syncOriginal(true);
    return this;
  }

  static #filter(self: MongoModelBase<any>, meta: ModelMeta): Record<string, unknown> {
    const key = (self.getOriginal() as Record<string, unknown>)._id ?? self.get("_id");
    if (key === null || key === undefined) {
      throw new EloquentError(`${meta.name}: this model has no id; save() it before updating or deleting it.`);
    }
    return { _id: { $in: expandKeys([key], keyStorage(meta, "_id")) } };
  }

  async forceDelete(): Promise<void> {
    const meta = modelMeta(this.constructor as MongoModelClass);
    await collectionFor(meta).deleteOne(MongoModelBase.#filter(this, meta));
    this.syncOriginal(false);
  }

  /** Re-reads the attributes from the store and reloads the relations that were loaded (as Laravel does). */
  async refresh(): Promise<this> {
    const meta = modelMeta(this.constructor as MongoModelClass);
    const filter = MongoModelBase.#filter(this, meta);
    const doc = await collectionFor(meta).findOne(filter);
    if (!doc) throw new ModelNotFoundError(meta.name, this.get("id"));
    this.setRawAttributes(documentToRow(meta, doc), true);
    await reloadRelations(this);
    return this;
  }

  static whereHas<C extends MongoModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).whereHas(relation, constraint) as never;
  }

  static whereHasMorph<C extends MongoModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    types: string | readonly string[],
    constraint?: MorphConstraint,
  ): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).whereHasMorph(relation, types, constraint) as never;
  }

  static whereDoesntHaveMorph<C extends MongoModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    types: string | readonly string[],
    constraint?: MorphConstraint,
  ): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).whereDoesntHaveMorph(relation, types, constraint) as never;
  }

  static whereDoesntHave<C extends MongoModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    constraint?: QueryConstraint,
  ): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).whereDoesntHave(relation, constraint) as never;
  }

  static orWhereHas<C extends MongoModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).orWhereHas(relation, constraint) as never;
  }

  static has<C extends MongoModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    operator?: string,
    count?: number,
    constraint?: QueryConstraint,
  ): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).has(relation, operator, count, constraint) as never;
  }

  static doesntHave<C extends MongoModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new MongoQuery(this) as AnyMongoQuery).doesntHave(relation, constraint) as never;
  }

  // Laravel's shorthand existence forms (relations/existence-forms.ts), as statics.
  static orWhereRelation<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "orWhereRelation">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.orWhereRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereDoesntHaveRelation<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "whereDoesntHaveRelation">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.whereDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static orWhereDoesntHaveRelation<C extends MongoModelClass<any>>(
    this: C,
    ...args: QueryArgs<C, "orWhereDoesntHaveRelation">
  ): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.orWhereDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereMorphRelation<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "whereMorphRelation">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.whereMorphRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereMorphDoesntHaveRelation<C extends MongoModelClass<any>>(
    this: C,
    ...args: QueryArgs<C, "whereMorphDoesntHaveRelation">
  ): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.whereMorphDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static hasMorph<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "hasMorph">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.hasMorph as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static doesntHaveMorph<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "doesntHaveMorph">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.doesntHaveMorph as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereAttachedTo<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "whereAttachedTo">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.whereAttachedTo as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }

  static whereRelation<C extends MongoModelClass<any>>(this: C, ...args: QueryArgs<C, "whereRelation">): QueryOf<C> {
    const q = new MongoQuery(this) as AnyMongoQuery;
    return (q.whereRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
}

/** Which index refused a write (code 11000): `_id`, a named secondary index, or unknown (FerretDB names none). */
function duplicateIndex(error: unknown): { id: boolean; name?: string } | undefined {
  const e = error as { message?: unknown; keyPattern?: Record<string, unknown>; errorResponse?: { keyPattern?: Record<string, unknown> } };
  const pattern = e.keyPattern ?? e.errorResponse?.keyPattern;
  if (pattern) return Object.keys(pattern).join() === "_id" ? { id: true } : { id: false, name: Object.keys(pattern).join(", ") };
  const named = /index: (\S+)/.exec(String(e.message ?? ""));
  if (named) return named[1] === "_id_" ? { id: true } : { id: false, name: named[1] };
  return undefined;
}

function hasUniqueFields(meta: ModelMeta): boolean {
  for (const column of meta.columns.values()) if (column.options.unique) return true;
  return Boolean((meta.model as { database?: { unique?: readonly unknown[] } }).database?.unique?.length);
}

/**
 * A duplicate key as an error that names the model, the key and the fix: server code 11000, or
 * FerretDB 1.24's answer to an update that breaks a unique index (its SQLite error, no code 11000).
 */
function duplicateKeyError(meta: ModelMeta, error: unknown, id?: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code !== 11000 && !/UNIQUE constraint failed/.test(String(e?.message ?? ""))) return error;
  const index = duplicateIndex(error) ?? (hasUniqueFields(meta) ? undefined : { id: true });
  const which = id === undefined ? "one of the ids" : `id ${JSON.stringify(id)}`;
  const message = !index
    ? `${meta.name}: a document with the same id or the same unique field values already exists in collection ${meta.table} ` +
      `(duplicate key: ${String((error as Error).message)}). Load the existing ${meta.name} and update it, or change the unique values.`
    : index.id
      ? `${meta.name}: ${which} already exists in collection ${meta.table} (duplicate _id). ` +
        `Leave id unset to get a new one, or load the existing ${meta.name} and save() it to update it.`
      : `${meta.name}: another document in collection ${meta.table} already has these values of the unique index ${index.name} ` +
        `(${String((error as Error).message)}). Load that ${meta.name} and update it, or change the values.`;
  const wrapped = new EloquentError(message);
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}

/** Gives new models their id: counter values for increments keys, else a client-side ObjectId. */
async function assignIds(meta: ModelMeta, models: readonly MongoModelBase[]): Promise<void> {
  const missing = models.filter((m) => m.get("id") === null || m.get("id") === undefined);
  if (!missing.length) return;
  if (usesCounter(meta)) {
    const ids = await nextIds(meta, missing.length);
    missing.forEach((m, i) => m.set("id", ids[i]));
  } else for (const m of missing) m.set("id", new (mongoDriver().ObjectId)().toHexString());
}

/** The instance type of `class X extends MongoModel` without Attrs: the base's members, any other attribute `unknown`. */
export interface UntypedMongoModel extends MongoModelBase<Record<string, unknown>> {
  [attribute: string]: unknown;
}

export interface MongoModelConstructor extends Pick<typeof MongoModelBase, Exclude<keyof typeof MongoModelBase, DeclaredStatics>> {
  // Two signatures, not one with a default: `extends MongoModel` (no Attrs) then has one class type as
  // its base instead of `MongoModelBase<Record<string, unknown>> & Record<string, unknown>`, whose every member
  // TypeScript re-creates as an intersection member for each class and each `this` it is read through
  // (about 200 members per model in bench/types).
  new (tableOrAttributes?: string | Partial<Record<string, unknown>>, connection?: string): UntypedMongoModel;
  new <A extends object>(tableOrAttributes?: string | Partial<A>, connection?: string): MongoModelBase<A> & A;
  // `object`, not MongoModelBase: TypeScript checks each subclass's static side against this interface, and a
  // class-typed `prototype` made that a structural comparison of every instance member (with the
  // one-interface base above: 10,000 of the 14,000 instantiations of re-checking one model file).
  readonly prototype: object;
}

/** The exported `MongoModel`: `class Photo extends MongoModel<PhotoAttrs>` gives typed attributes. */
export const MongoModel = MongoModelBase as unknown as MongoModelConstructor;
export type MongoModel<A extends object = Record<string, unknown>> = MongoModelBase<A> & A;
