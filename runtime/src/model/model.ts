/**
 * The store-neutral model base: attributes with dirty tracking, read casts, loaded relations,
 * `toJSON`, and relation loading through the store adapters. `SqlModel` and `MongoModel` extend it.
 *
 * All instance state lives in private fields of this class so nothing internal is enumerable or
 * serialised. Hydration runs the class's constructor with no arguments (see `hydrate`); model
 * classes must not declare attribute fields (they would shadow the attribute accessors) — list
 * attributes in the `SqlModel<Attrs>` / `MongoModel<Attrs>` type instead.
 */
import type { DatabaseMeta } from "eloquent-engine";
import { addEagerPaths, eagerLoad, loadCounts, parseCountSpecs, type EagerNode, type EagerSpec } from "../relations/eager";
import { RelationQuery } from "../relations/relation-query";
import { assignRelation } from "../relations/associate";
import { loadMissing } from "../relations/load-missing";
import { isIgnoringTouch, withoutTouchingOn } from "../relations/touch-scope";
import { checkAggregateSpecs, loadAggregates, parseAggregateSpecs, type AggregateFn } from "../relations/eager-aggregates";
import type { PivotSpec, QueryConstraint } from "../relations/adapter";
import { PivotRow } from "../relations/pivot-row";
import { EloquentError, RelationNotLoadedError } from "./errors";
import { attributeStore, copyStore, isReservedKey, reservedKeyError, snapshotOf, valueSnapshot } from "./attribute-store";
import { adoptRow, castRow, takePendingMutable, takePendingRow } from "./hydrate";
import { registerModelBase } from "./base-class";
import { modelMeta, probing, recordConstructorArgs, setRelationAssigner, type ModelMeta } from "./meta";
import type { ModelClass, SchemaShape, Store } from "./types";
import { changesOf, wasRecentlyCreated } from "./changes";
import { addListener, addObserver, withoutEvents, type ModelEvent, type ModelListener, type ModelObserver } from "./events";
import * as findOrWrite from "./find-or-write";
import { assertFillable } from "./mass-assignment";
import { applyVisibility, makeHidden, makeVisible } from "./serialization";
import {
  ATTRIBUTE_TRANSFORMS,
  changedCastValues,
  forgetCastValue,
  readOnlyVirtualError,
  rememberCastValue,
  rememberedCastValue,
  virtualWrites,
  type AttributeAccessor,
  type AttributeTransform,
  type AttributeTransforms,
  type CastDefinition,
} from "./attribute-casts";

/** The class's accessors/casts (set with its metadata; see meta.ts). */
const transformsOf = (model: object): AttributeTransforms | undefined =>
  (model.constructor as unknown as { [ATTRIBUTE_TRANSFORMS]?: AttributeTransforms })[ATTRIBUTE_TRANSFORMS];
import type { CreateInput, LinkedClass, ModelOf, modelClass, UpdateInput } from "../types/model-of";
import type { SchemaOf } from "../types/attributes";
import type { WithArg } from "../types/query";
import type { Loaded, LoadedValue, PathsOf, RelationKeys, RelationMethodKeys } from "../types/relations";

/**
 * Row being hydrated: the base constructor adopts it. Hydration calls the class's own constructor
 * (`new model()`, so user constructors such as the seed's `super("users", "sqlite")` run as usual)
 * and is several times faster than building instances reflectively.
 */
/**
 * `related.pivot`: its columns as properties, plus `save()`, `fresh()`, `refresh()`, `delete()` — a `PivotRow`, or
 * an instance of the relation's `using` pivot model (`related.pivotAs(Class)` gives that typed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of any type, plus the pivot methods
export type PivotValues = Record<string, any>;

/**
 * Keys of a model type whose declared value is a model or a list of models: the relations listed in
 * the attributes type (`posts?: Post[]`), so `await user.related("posts")` is typed `Post[]`.
 */
export type LoadedRelationKeys<M> = {
  [K in keyof M]-?: K extends string ? (NonNullable<M[K]> extends Model | readonly Model[] ? K : never) : never;
}[keyof M];

/** The part of every store's builder (`static query()`: SqlQuery, MongoQuery) the statics below run. */
interface RunnableQuery<M> {
  get(): Promise<M[]>;
  first(): Promise<M | null>;
  find(id: unknown): Promise<M | null>;
  findOrFail(id: unknown): Promise<M>;
  count(): Promise<number>;
}

/** Every store's model class defines `static query()`; these statics only run it. */
function queryOf<C extends ModelClass<any>>(model: C): RunnableQuery<InstanceType<C>> {
  return (model as unknown as { query(): RunnableQuery<InstanceType<C>> }).query();
}

/** `#relName` when two or more relations are loaded (`#relValue` then holds them by name). */
const SEVERAL: unique symbol = Symbol("several relations");

/** Array.isArray for the `#snapshot` slot: an array there lists the columns not snapshotted yet. */
const isArray = Array.isArray as (value: unknown) => value is readonly string[];

/** A model type without a class link (see types/model-of.ts): `related` accepts any name on it. */
type Unlinked = { readonly [modelClass]?: undefined };
/** The relation names of a linked model's class (none when unlinked). */
type LinkedRelationName<M> = [LinkedClass<M>] extends [undefined] ? never : RelationKeys<SchemaOf<LinkedClass<M>>> | RelationMethodKeys<M>;
/** load() arguments: checked against the linked class's schema. */
type LoadArg<M> = [LinkedClass<M>] extends [undefined] ? EagerSpec : WithArg<SchemaOf<LinkedClass<M>>>;
type LoadedInto<M, P extends readonly unknown[]> = [LinkedClass<M>] extends [undefined]
  ? unknown
  : Loaded<SchemaOf<LinkedClass<M>>, PathsOf<P[number]>, M>;

export abstract class Model<A extends object = any> {
  /** Which store the class lives in; set by `SqlModel` / `MongoModel`. */
  static readonly store: Store;
  static schema: SchemaShape = {};
  static tableName?: string;
  static connectionName?: string;
  /** Value stored in `<morph>_type` columns (default: the class name). */
  static morphAlias?: string;
  static database?: DatabaseMeta;
  /** Custom casts per column: `{ price: MoneyCast }` (attribute-casts.ts). */
  static casts?: Readonly<Record<string, CastDefinition>>;
  /** Accessors/mutators: on a column they transform its value; on another name they are a computed attribute. */
  static accessors?: Readonly<Record<string, AttributeAccessor>>;

  // Every field is 8 bytes on every loaded model (a 100k-row eager load holds 100k of them), so rare states
  // share slots, and the private helpers are static methods: an instance private method gives each instance
  // one more slot (its class brand). 120 → 88 bytes a model; bench/peers W1 CPU about 9% lower.
  #attributes: Record<string, unknown>;
  /** Same object as #attributes until the first write (copy-on-write dirty tracking). */
  #original: Record<string, unknown>;
  /**
   * Serialized original values of the json and date columns (a record): they are objects a caller can
   * change in place (`m.meta.tags.push("x")`), which leaves the original and current values one object.
   * Dirty checking compares these columns by content against this snapshot.
   * Or (an array) a hydrated row's json/date columns whose snapshot is not taken yet: it is taken when
   * one of their values is first handed out (get, getAttributes, getOriginal, toJSON) — before anyone
   * can change it in place — so loading 100k rows serialises nothing. One slot for both states: every
   * loaded model pays for each field it has (see the class's fields below).
   */
  #snapshot: Record<string, string> | readonly string[] | undefined;
  /**
   * Loaded relations. The first one lives in two plain slots (most models carry one relation after
   * an eager load, and 100k parents should not mean 100k extra objects); with more, #relName is
   * SEVERAL and #relValue the name → value record.
   */
  #relName: string | typeof SEVERAL | undefined;
  #relValue: unknown;
  #pivot: PivotValues | undefined;
  /**
   * `as("membership")`: the name the pivot row is exposed under. Or, while `#pivot` holds a many-to-many's
   * pivot columns not yet wrapped in their PivotRow, that relation's pivot spec (which names the accessor
   * too): the wrapper is built on the first read of the pivot. Most eager loads never read it, and 50k pivot
   * rows meant 50k more objects with their columns copied in. One slot for both: every model pays for each
   * field it has.
   */
  #pivotName: string | PivotSpec | undefined;
  #persisted = false;

  /**
   * `new User({ name: "Ada" })`, or the seed's form `super("users", "sqlite")` in a subclass
   * constructor (records the table and connection; `static tableName`/`connectionName` win).
   */
  constructor(tableOrAttributes?: string | Partial<A>, connection?: string) {
    const row = takePendingRow();
    if (row !== undefined) {
      this.#attributes = this.#original = row;
      this.#snapshot = takePendingMutable();
      this.#persisted = true;
      return;
    }
    const ctor = new.target as unknown as ModelClass;
    if (typeof tableOrAttributes === "string" || typeof connection === "string") {
      recordConstructorArgs(ctor, typeof tableOrAttributes === "string" ? tableOrAttributes : undefined, connection);
    }
    this.#attributes = this.#original = attributeStore();
    if (probing.has(ctor)) return;
    modelMeta(ctor);
    if (tableOrAttributes !== null && typeof tableOrAttributes === "object") this.fill(tableOrAttributes);
  }

  /** The class's metadata (table, primary key, columns, relations). */
  static meta(this: ModelClass): ModelMeta {
    return modelMeta(this);
  }

  // ---- static entry points shared by every store (the builder-returning ones are typed per store) --

  static all<C extends ModelClass<any>>(this: C): Promise<ModelOf<C>[]> {
    return queryOf(this).get();
  }

  static first<C extends ModelClass<any>>(this: C): Promise<ModelOf<C> | null> {
    return queryOf(this).first();
  }

  static find<C extends ModelClass<any>>(this: C, id: unknown): Promise<ModelOf<C> | null> {
    return queryOf(this).find(id);
  }

  static findOrFail<C extends ModelClass<any>>(this: C, id: unknown): Promise<ModelOf<C>> {
    return queryOf(this).findOrFail(id);
  }

  static count<C extends ModelClass<any>>(this: C): Promise<number> {
    return queryOf(this).count();
  }

  /** Inserts one row/document and returns the model (with its generated key and timestamps). */
  static async create<C extends ModelClass<any>>(this: C, attributes: CreateInput<C> = {} as CreateInput<C>): Promise<ModelOf<C>> {
    const model = new this() as Model;
    model.fill(attributes as Record<string, unknown>);
    await model.save();
    return model as ModelOf<C>;
  }

  /** Inserts when new, otherwise writes the changed attributes (each store implements it). */
  abstract save(): Promise<this>;

  /** Removes the row/document even when the model has softDeletes (each store implements it). */
  abstract forceDelete(): Promise<void>;

  /** Assigns and saves. */
  async update(attributes: Partial<A>): Promise<this> {
    this.fill(attributes);
    return this.save();
  }

  /** Deletes the row/document (sets deleted_at when the model has softDeletes). */
  async delete(): Promise<void> {
    if (modelMeta(this.constructor as ModelClass).softDeletes) {
      this.set("deleted_at", new Date());
      await this.save();
      return;
    }
    await this.forceDelete();
  }

  /** Clears deleted_at. */
  async restore(): Promise<this> {
    this.set("deleted_at", null);
    return this.save();
  }

  isTrashed(): boolean {
    return this.get("deleted_at") != null;
  }

  // ---- attributes -------------------------------------------------------------------------------

  get<K extends keyof A & string>(key: K): A[K];
  get(key: string): unknown;
  get(key: string): unknown {
    const snapshot = this.#snapshot;
    if (snapshot !== undefined && isArray(snapshot) && snapshot.includes(key)) Model.#takeSnapshot(this);
    const value = this.#attributes[key];
    // A row adopted from the driver keeps its prototype (see adoptRow): never read an inherited
    // member (`constructor`, `toString`, `__proto__`) as an attribute. Attribute values are never
    // functions, so the own-property check runs only for those names.
    if ((typeof value === "function" || key === "__proto__") && !Object.hasOwn(this.#attributes, key)) return undefined;
    const transforms = transformsOf(this);
    if (transforms !== undefined) {
      const transform = transforms.byKey.get(key);
      if (transform?.get !== undefined) return Model.#read(this, transform, value);
    }
    return value;
  }

  /** An accessor's or cast's view of a stored value (a cast's object is remembered: see attribute-casts.ts). */
  static #read(self: Model<any>, transform: AttributeTransform, raw: unknown): unknown {
    if (!transform.remembers) return transform.get!(self, raw);
    const known = rememberedCastValue(self, transform.key, raw);
    if (known !== undefined) return known;
    const value = transform.get!(self, raw);
    rememberCastValue(self, transform.key, raw, value);
    return value;
  }

  /** Writes back cast objects changed in place since they were read, so no change is lost. */
  static #storeChangedCasts(self: Model<any>): void {
    const transforms = transformsOf(self);
    if (transforms === undefined || !transforms.remembers) return;
    const changed = changedCastValues(self, transforms, (key) => self.#attributes[key]);
    if (changed) for (const [key, raw] of changed) Model.#store(self, key, raw);
  }

  set<K extends keyof A & string>(key: K, value: A[K]): this;
  set(key: string, value: unknown): this;
  set(key: string, value: unknown): this {
    const transforms = transformsOf(this);
    if (transforms !== undefined) {
      const transform = transforms.byKey.get(key);
      if (transform !== undefined) {
        if (!transform.column) {
          if (transform.set === undefined) throw readOnlyVirtualError(this, key);
          for (const [column, stored] of Object.entries(virtualWrites(this, key, transform.set(this, value))))
            Model.#store(this, column, stored);
          return this;
        }
        forgetCastValue(this, key);
        if (transform.set !== undefined) value = transform.set(this, value);
      }
    }
    return Model.#store(this, key, value);
  }

  /** Stores a value as it goes to the database (no mutator or cast). */
  static #store<T extends Model<any>>(self: T, key: string, value: unknown): T {
    if (isReservedKey(key)) {
      const meta = modelMeta(self.constructor as ModelClass);
      if (!meta.columns.has(key)) throw reservedKeyError(meta, key);
    }
    if (self.#attributes === self.#original) self.#attributes = copyStore(self.#original);
    self.#attributes[key] = value;
    return self;
  }

  /**
   * Assigns several attributes at once. A relation name is an error: its value would never be saved
   * (write related rows through `related(name)`).
   */
  fill(attributes: Partial<A> | Record<string, unknown>): this {
    const meta = modelMeta(this.constructor as ModelClass);
    for (const [key, value] of Object.entries(attributes)) {
      if (meta.relations.has(key)) throw relationAsAttributeError(meta, key);
      assertFillable(meta, key);
      this.set(key, value);
    }
    return this;
  }

  /** A copy of the current attributes (without relations). */
  getAttributes(): Partial<A> {
    Model.#storeChangedCasts(this);
    Model.#takeSnapshot(this);
    return copyStore(this.#attributes) as Partial<A>;
  }

  /** Attribute values as last read from or written to the store. */
  getOriginal(): Partial<A> {
    Model.#takeSnapshot(this);
    return copyStore(this.#original) as Partial<A>;
  }

  /** Sets a value read from the store alongside the row (a count): visible, never dirty, never saved. */
  setComputed(key: string, value: unknown): this {
    if (this.#attributes !== this.#original) this.#original[key] = value;
    this.#attributes[key] = value;
    return this;
  }

  /** Attributes changed since the last read/save, with their new values. */
  getDirty(): Partial<A> {
    Model.#storeChangedCasts(this);
    const dirty = attributeStore();
    // not taken yet (the json/date values were never handed out): they are compared like the others
    const snapshot = isArray(this.#snapshot) ? undefined : this.#snapshot;
    if (snapshot !== undefined) {
      // json/date columns: by content, also when the one shared object was changed in place
      for (const key in snapshot) {
        const value = this.#attributes[key];
        if (valueSnapshot(value) !== snapshot[key]) dirty[key] = value;
      }
    }
    if (this.#attributes === this.#original) return dirty as Partial<A>;
    for (const [key, value] of Object.entries(this.#attributes)) {
      if (snapshot !== undefined && key in snapshot) continue;
      if (!(key in this.#original) || !sameValue(value, this.#original[key])) dirty[key] = value;
    }
    return dirty as Partial<A>;
  }

  isDirty(key?: keyof A & string): boolean {
    const dirty = this.getDirty() as Record<string, unknown>;
    return key === undefined ? Object.keys(dirty).length > 0 : key in dirty;
  }

  /** The primary key value. */
  getKey(): unknown {
    return this.#attributes[modelMeta(this.constructor as ModelClass).primaryKey];
  }

  /** True once the row exists in the store (read from it or saved). */
  isPersisted(): boolean {
    return this.#persisted;
  }

  /**
   * Store layers call this after a successful write: the current attributes become the original
   * ones (nothing dirty) and the model counts as persisted.
   */
  syncOriginal(persisted = true): this {
    this.#original = this.#attributes;
    // the caller may hold these values already: snapshot now
    this.#snapshot = snapshotOf(modelMeta(this.constructor as ModelClass).mutableColumns, this.#attributes);
    this.#persisted = persisted;
    return this;
  }

  /** Store layers call this to replace all attributes with fresh values read from the store. */
  setRawAttributes(attributes: Record<string, unknown>, persisted = true): this {
    const meta = modelMeta(this.constructor as ModelClass);
    const row = adoptRow(attributes);
    castRow(meta, row);
    this.#attributes = this.#original = row;
    this.#snapshot = meta.mutableColumns.length ? meta.mutableColumns : undefined;
    this.#persisted = persisted;
    return this;
  }

  // ---- relations --------------------------------------------------------------------------------

  /** Snapshots the original json/date values of a hydrated row before the first one is handed out. */
  static #takeSnapshot(self: Model<any>): void {
    const columns = self.#snapshot;
    if (columns === undefined || !isArray(columns)) return;
    self.#snapshot = snapshotOf(columns, self.#original);
  }

  /** A loaded relation; throws a clear error when it was never loaded. */
  getRelation(name: string): unknown {
    if (this.#relName === name) return this.#relValue;
    if (this.#relName !== SEVERAL || !Object.hasOwn(this.#relValue as object, name)) {
      throw new RelationNotLoadedError(this.constructor.name, name);
    }
    return (this.#relValue as Record<string, unknown>)[name];
  }

  setRelation(name: string, value: unknown): this {
    const current = this.#relName;
    if (current === SEVERAL) (this.#relValue as Record<string, unknown>)[name] = value;
    else if (current === undefined || current === name) {
      this.#relName = name;
      this.#relValue = value;
    } else {
      const several = attributeStore();
      several[current] = this.#relValue;
      several[name] = value;
      this.#relName = SEVERAL;
      this.#relValue = several;
    }
    return this;
  }

  relationLoaded(name: string): boolean {
    return this.#relName === name || (this.#relName === SEVERAL && Object.hasOwn(this.#relValue as object, name));
  }

  /** Names and values of every loaded relation. */
  getRelations(): Record<string, unknown> {
    const current = this.#relName;
    if (current === SEVERAL) return { ...(this.#relValue as Record<string, unknown>) };
    return current === undefined ? {} : { [current]: this.#relValue };
  }

  unsetRelation(name: string): this {
    if (this.#relName === name) {
      this.#relName = undefined;
      this.#relValue = undefined;
    } else if (this.#relName === SEVERAL) delete (this.#relValue as Record<string, unknown>)[name];
    return this;
  }

  /**
   * A query for this model's related rows, narrowable before it is awaited:
   * `await user.related("posts").where("published", true)`. belongsToMany relations also offer
   * attach/detach/sync/toggle. The result is not cached on the model (use `load` for that).
   */
  related<K extends LinkedRelationName<this>>(name: K): RelationQuery<LoadedValue<SchemaOf<LinkedClass<this>>, K, this>>;
  /** An explicit result type (`related<Post[]>("posts")`) still takes a declared relation name only. */
  related<R>(name: LinkedRelationName<this>): RelationQuery<R>;
  // Instances not read through a typed static (no class link) keep the hand-typed forms.
  related<K extends LoadedRelationKeys<this>>(this: Unlinked & Model, name: K): RelationQuery<Exclude<this[K], undefined>>;
  related<R = any>(this: Unlinked & Model, name: string): RelationQuery<R>;
  related(name: string): RelationQuery<unknown> {
    return new RelationQuery(this, name);
  }

  /** Eager-loads relations into this model: `await post.load("author", "comments.author")`. */
  /** On a model read through a typed static, the result type gains the loaded relations. */
  async load<const P extends readonly LoadArg<this>[]>(...specs: P): Promise<this & LoadedInto<this, P>> {
    await loadRelations([this], ...(specs as unknown as EagerSpec[]));
    return this as this & LoadedInto<this, P>;
  }

  /** Loads only the relations (and nested levels) not loaded yet: `await post.loadMissing("author", "comments.author")`. */
  async loadMissing(...specs: EagerSpec[]): Promise<this> {
    await loadMissing([this], specs);
    return this;
  }

  /** Loads relation counts as `<relation>_count` attributes. */
  async loadCount(...specs: (string | Readonly<Record<string, QueryConstraint | true | undefined>>)[]): Promise<this> {
    await loadCounts([this], parseCountSpecs(specs));
    return this;
  }

  /** `await user.loadSum("posts", "votes")` → `posts_sum_votes` on this model (0 without related rows), as `withSum` names it. */
  loadSum(relations: AggregateRelations, column: string): Promise<this> {
    return Model.#loadAggregate(this, "sum", relations, column);
  }
  /** `loadAvg("posts", "votes")` → `posts_avg_votes` (null without related rows). */
  loadAvg(relations: AggregateRelations, column: string): Promise<this> {
    return Model.#loadAggregate(this, "avg", relations, column);
  }
  /** `loadMin("posts", "votes")` → `posts_min_votes` (null without related rows). */
  loadMin(relations: AggregateRelations, column: string): Promise<this> {
    return Model.#loadAggregate(this, "min", relations, column);
  }
  /** `loadMax("posts", "votes")` → `posts_max_votes` (null without related rows). */
  loadMax(relations: AggregateRelations, column: string): Promise<this> {
    return Model.#loadAggregate(this, "max", relations, column);
  }

  static async #loadAggregate<T extends Model<any>>(self: T, fn: AggregateFn, relations: AggregateRelations, column: string): Promise<T> {
    const specs = parseAggregateSpecs(fn, relations, column, "load");
    checkAggregateSpecs(self.constructor as ModelClass, specs, "load"); // before any query, naming loadSum
    await loadAggregates([self], specs);
    return self;
  }

  /**
   * Pivot row of a model loaded through a many-to-many (`tag.pivot.created_at`): a `PivotRow`, or an instance of
   * the relation's `using` pivot model, so `tag.pivot.role = "x"; await tag.pivot.save()` updates that row (SQL
   * table or Mongo pivot collection). `pivotAs(Class)` gives a `using` pivot typed.
   */
  get pivot(): PivotValues | undefined {
    return Model.#pivotValue(this);
  }

  static #pivotValue(self: Model<any>): PivotValues | undefined {
    const spec = self.#pivotName;
    if (typeof spec === "object") {
      self.#pivotName = spec.accessor;
      self.#pivot = new PivotRow(spec, self.#pivot as Record<string, unknown>) as unknown as PivotValues;
    }
    return self.#pivot;
  }

  /** The name the pivot is exposed under: `pivot` unless `as(...)` renamed it. */
  static #pivotAccessor(self: Model<any>): string {
    const name = self.#pivotName;
    return (typeof name === "object" ? name.accessor : name) ?? "pivot";
  }

  /**
   * The pivot as an instance of the relation's `using` model, typed: `tag.pivotAs(PostTag).save()`. Throws
   * when the pivot is not one (the relation declares no `using`, or another class).
   */
  pivotAs<P>(pivotModel: abstract new (...args: never[]) => P): P | undefined {
    const pivot = Model.#pivotValue(this) as unknown;
    if (pivot === undefined) return undefined;
    if (pivot instanceof pivotModel) return pivot as P;
    const name = (this.constructor as { name: string }).name;
    throw new EloquentError(
      `${name}.pivotAs(${pivotModel.name}): this pivot is ${pivot instanceof Model ? `a ${(pivot.constructor as { name: string }).name}` : "a plain row"}. ` +
        `Declare using: "${pivotModel.name}" on the relation that loaded it, or read the pivot as ${name}.pivot.`,
    );
  }

  /** `accessor`: the name the pivot row is exposed under (`as("membership")`), `pivot` by default. */
  setPivot(pivot: Record<string, unknown> | undefined, accessor = "pivot"): this {
    this.#pivot = pivot;
    if (typeof this.#pivotName === "object") this.#pivotName = undefined; // a pending pivot's spec: replaced
    if (accessor !== "pivot") {
      this.#pivotName = accessor;
      Object.defineProperty(this, accessor, { configurable: true, enumerable: false, get: () => Model.#pivotValue(this) });
    }
    return this;
  }

  /** Internal (the many-to-many loader): the pivot columns a load read, wrapped in their PivotRow on first read. */
  setPivotRow(spec: PivotSpec, row: Record<string, unknown>): this {
    this.setPivot(row, spec.accessor);
    this.#pivotName = spec;
    return this;
  }

  /** Attributes and loaded relations, recursively; no internal state. */
  toJSON(): Record<string, unknown> {
    Model.#storeChangedCasts(this);
    Model.#takeSnapshot(this);
    const out: Record<string, unknown> = { ...this.#attributes };
    const transforms = transformsOf(this);
    if (transforms !== undefined)
      for (const transform of transforms.columnGetters)
        if (transform.key in out) out[transform.key] = Model.#read(this, transform, out[transform.key]);
    // A model met again inside its own serialisation (an `inverse` child pointing back at its parent) shows its
    // attributes only, as Laravel's toArray does, instead of recursing forever.
    if (this.#relName !== undefined && !serializing.has(this)) {
      serializing.add(this);
      try {
        for (const [name, value] of Object.entries(this.getRelations())) {
          out[name] = Array.isArray(value) ? value.map(serialize) : serialize(value);
        }
      } finally {
        serializing.delete(this);
      }
    }
    const pivot = this.#pivot;
    if (pivot) {
      // a pivot not yet wrapped serializes as its columns, as its PivotRow would: no wrapper is made for it
      out[Model.#pivotAccessor(this)] = pivot instanceof Model ? pivot.toJSON() : { ...pivot };
    }
    return applyVisibility(this, out);
  }

  // ---- everyday API: events, find-or-write, changes (logic in the modules named) -------------------

  /** Listens to a model event (events.ts); returns the function that removes the listener. */
  static on<C extends ModelClass<any>>(this: C, event: ModelEvent, listener: ModelListener<InstanceType<C>>): () => void {
    return addListener(this, event, listener as ModelListener);
  }

  /** Registers an observer's event methods (`{ creating(m) {...}, deleted(m) {...} }`). */
  static observe<C extends ModelClass<any>>(this: C, observer: ModelObserver<InstanceType<C>>): () => void {
    return addObserver(this, observer);
  }

  /** Runs `work` with this class's events muted (every model's when called on SqlModel/MongoModel). */
  static withoutEvents<T>(this: Function, work: () => T): T {
    return withoutEvents(this, work);
  }

  /**
   * Runs `work` with this class never touched by the models whose `static touches` name it (every class when
   * called on SqlModel / MongoModel); returns what `work` returns. A model's own save still sets its updated_at.
   */
  static withoutTouching<T>(this: Function, work: () => T): T {
    return withoutTouchingOn([this], work);
  }

  /** `withoutTouching` for the listed classes: `SqlModel.withoutTouchingOn([User, Post], async () => ...)`. */
  static withoutTouchingOn<T>(classes: readonly Function[], work: () => T): T {
    return withoutTouchingOn(classes, work);
  }

  /** True inside a `withoutTouching` callback of this class (or of a base class such as SqlModel). */
  static isIgnoringTouch(this: Function): boolean {
    return isIgnoringTouch(this);
  }

  static firstOrNew<C extends ModelClass<any>>(
    this: C,
    attributes: UpdateInput<C>,
    values: UpdateInput<C> = {} as UpdateInput<C>,
  ): Promise<ModelOf<C>> {
    return findOrWrite.firstOrNew(this, attributes as Record<string, unknown>, values as Record<string, unknown>) as Promise<ModelOf<C>>;
  }

  static firstOrCreate<C extends ModelClass<any>>(
    this: C,
    attributes: UpdateInput<C>,
    values: UpdateInput<C> = {} as UpdateInput<C>,
  ): Promise<ModelOf<C>> {
    return findOrWrite.firstOrCreate(this, attributes as Record<string, unknown>, values as Record<string, unknown>) as Promise<ModelOf<C>>;
  }

  static createOrFirst<C extends ModelClass<any>>(
    this: C,
    attributes: UpdateInput<C>,
    values: UpdateInput<C> = {} as UpdateInput<C>,
  ): Promise<ModelOf<C>> {
    return findOrWrite.createOrFirst(this, attributes as Record<string, unknown>, values as Record<string, unknown>) as Promise<ModelOf<C>>;
  }

  static updateOrCreate<C extends ModelClass<any>>(
    this: C,
    attributes: UpdateInput<C>,
    values: UpdateInput<C> = {} as UpdateInput<C>,
  ): Promise<ModelOf<C>> {
    return findOrWrite.updateOrCreate(this, attributes as Record<string, unknown>, values as Record<string, unknown>) as Promise<
      ModelOf<C>
    >;
  }

  /** The models whose primary key is one of `ids` (missing ids are skipped). */
  static findMany<C extends ModelClass<any>>(this: C, ids: readonly unknown[]): Promise<ModelOf<C>[]> {
    const meta = modelMeta(this);
    if (!Array.isArray(ids))
      throw new EloquentError(
        `${meta.name}.findMany(): expected an array of ${meta.primaryKey} values, got ${ids === null ? "null" : typeof ids}.`,
      );
    if (!ids.length) return Promise.resolve([] as ModelOf<C>[]);
    const q = queryOf(this) as unknown as { whereIn(c: string, v: readonly unknown[]): RunnableQuery<ModelOf<C>> };
    return q.whereIn(meta.primaryKey, ids).get();
  }

  /** Deletes the models with these keys one by one (their delete events fire); returns how many were deleted. */
  static async destroy<C extends ModelClass<any>>(this: C, ids: unknown): Promise<number> {
    const list = Array.isArray(ids) ? ids : [ids];
    const models = await (this as unknown as { findMany(ids: readonly unknown[]): Promise<Model[]> }).findMany(
      list.filter((id) => id != null),
    );
    let deleted = 0;
    for (const model of models) {
      await model.delete();
      if (!model.isPersisted() || model.isTrashed()) deleted++;
    }
    return deleted;
  }

  /** create() without the fillable/guarded check (Laravel's forceCreate). */
  static async forceCreate<C extends ModelClass<any>>(this: C, attributes: CreateInput<C> = {} as CreateInput<C>): Promise<ModelOf<C>> {
    const model = new this() as Model;
    model.forceFill(attributes as Record<string, unknown>);
    await model.save();
    return model as ModelOf<C>;
  }

  /** Assigns attributes without the fillable/guarded check (relations are still refused). */
  forceFill(attributes: Partial<A> | Record<string, unknown>): this {
    const meta = modelMeta(this.constructor as ModelClass);
    for (const [key, value] of Object.entries(attributes)) {
      if (meta.relations.has(key)) throw relationAsAttributeError(meta, key);
      this.set(key, value);
    }
    return this;
  }

  /** The attributes the last update wrote (empty after an insert). */
  getChanges(): Partial<A> {
    return changesOf(this) as Partial<A>;
  }

  /** Whether the last update changed `key` (any attribute when omitted). */
  wasChanged(key?: keyof A & string): boolean {
    const changes = changesOf(this);
    return key === undefined ? Object.keys(changes).length > 0 : key in changes;
  }

  /** True when this instance inserted its row (Laravel's wasRecentlyCreated). */
  get wasRecentlyCreated(): boolean {
    return wasRecentlyCreated(this);
  }

  /** Same class's table, connection and primary key (null and unsaved models are never it). */
  is(other: Model | null | undefined): boolean {
    if (!(other instanceof Model)) return false;
    const a = modelMeta(this.constructor as ModelClass);
    const b = modelMeta(other.constructor as ModelClass);
    const key = this.getKey();
    return (
      key != null && a.table === b.table && a.connection === b.connection && a.store === b.store && String(key) === String(other.getKey())
    );
  }

  isNot(other: Model | null | undefined): boolean {
    return !this.is(other);
  }

  /** An unsaved copy without the primary key and timestamps (and the `except` attributes). */
  replicate(except: readonly (keyof A & string)[] = []): this {
    const meta = modelMeta(this.constructor as ModelClass);
    const skip = new Set<string>([meta.primaryKey, "created_at", "updated_at", ...except]);
    const copy = new (this.constructor as new () => this)();
    for (const [key, value] of Object.entries(this.#attributes)) {
      if (!skip.has(key))
        copy.set(key, value !== null && typeof value === "object" && !(value instanceof Date) ? structuredClone(value) : value);
    }
    return copy;
  }

  /** A new instance re-read from the store (null when the row is gone), with `with` relations loaded. */
  async fresh(...withSpecs: EagerSpec[]): Promise<this | null> {
    const key = this.getKey();
    if (!this.isPersisted() || key == null) return null;
    const q = queryOf(this.constructor as ModelClass) as unknown as RunnableQuery<Model> & {
      with(...s: EagerSpec[]): RunnableQuery<Model>;
    };
    return (withSpecs.length ? q.with(...withSpecs) : q).find(key) as Promise<this | null>;
  }

  /** save() with this class's events muted. */
  saveQuietly(): Promise<this> {
    return withoutEvents(this.constructor, () => this.save());
  }

  /** delete() with this class's events muted. */
  deleteQuietly(): Promise<void> {
    return withoutEvents(this.constructor, () => this.delete());
  }

  /** Hides attributes/relations from this instance's toJSON (on top of static hidden). */
  makeHidden(...keys: (keyof A & string)[]): this {
    makeHidden(this, keys);
    return this;
  }

  /** Shows attributes static hidden (or a visible list) would leave out, for this instance. */
  makeVisible(...keys: (keyof A & string)[]): this {
    makeVisible(this, keys);
    return this;
  }

  isClean(key?: keyof A & string): boolean {
    return !this.isDirty(key);
  }

  /** Sets updated_at to now and saves (no-op without timestamps); returns whether it wrote. */
  async touch(): Promise<boolean> {
    if (!modelMeta(this.constructor as ModelClass).timestamps) return false;
    this.set("updated_at", new Date());
    await this.save();
    return true;
  }
}

/** `create({ posts: [...] })`: the posts would show in toJSON() but never reach the store. */
function relationAsAttributeError(meta: ModelMeta, key: string): Error {
  const kind = meta.relations.get(key)!.kind;
  const many = kind === "hasMany" || kind === "morphMany" || kind === "belongsToMany";
  const how =
    kind === "belongsToMany"
      ? `save the ${meta.name}, then \`await model.related("${key}").attach(ids)\` (or sync)`
      : kind === "belongsTo" || kind === "morphTo"
        ? `set its foreign key column instead`
        : `save the ${meta.name}, then \`await model.related("${key}").${many ? "createMany([...])" : "create({...})"}\``;
  return new EloquentError(
    `${meta.name}: '${key}' is a ${kind} relation, not a column; a relation given as an attribute (create(), fill(), new ${meta.name}({...})) is never saved. ` +
      `Remove it from the attributes and ${how}.`,
  );
}

/** Models whose relations are being serialised right now (toJSON is synchronous: one set suffices). */
const serializing = new Set<Model>();

function serialize(value: unknown): unknown {
  return value instanceof Model ? value.toJSON() : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

/** What `loadSum` & co. aggregate: a relation, several, or `{ "posts as total": q => ... }` (aliases and constraints as withSum). */
export type AggregateRelations = string | readonly string[] | Readonly<Record<string, QueryConstraint | true | undefined>>;

/** Collection form of `loadMissing`: loads what is not loaded yet on each model (one query per relation level). */
export async function loadMissingRelations(models: readonly Model[], ...specs: EagerSpec[]): Promise<void> {
  await loadMissing(models, specs);
}

/** Collection form of `loadCount` (Laravel's `$users->loadCount("posts")`): one query per relation for all models. */
export async function loadRelationCounts(
  models: readonly Model[],
  ...specs: (string | Readonly<Record<string, QueryConstraint | true | undefined>>)[]
): Promise<void> {
  await loadCounts(models, parseCountSpecs(specs));
}

/** Eager-loads relation paths into already-fetched models (one query per relation level). */
export async function loadRelations(models: readonly Model[], ...specs: EagerSpec[]): Promise<void> {
  const tree = new Map<string, EagerNode>();
  addEagerPaths(tree, specs);
  await eagerLoad(models, tree);
}

registerModelBase(Model);
setRelationAssigner((model, name, value) => assignRelation(model as Model, name, value));
