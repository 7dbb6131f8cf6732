/**
 * `model.related("posts")`: a query for one parent's related rows that can be narrowed further
 * (`.where(...)`, `.orderBy(...)`, `.with(...)`) and awaited. Narrowing calls are replayed on the
 * target store's own query builder, so the same object works for SQL and Mongo targets.
 * belongsToMany relations also expose the pivot writes (attach, detach, sync, toggle).
 */
import type { LoadedRelationKeys, Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { QueryConstraint } from "./adapter";
import type { LinkedClass, ModelOf, UpdateInput } from "../types/model-of";
import { RELATION_HANDLERS } from "./kinds";
import * as pivots from "./pivot-ops";
import { relationAggregate } from "./relation-aggregates";
import { RelationError, resolveRelation, type ResolvedRelation } from "./resolve";
import { ModelNotFoundError, MultipleRecordsFoundError } from "../model/errors";
import { isUniqueViolation } from "../model/find-or-write";
import * as iteration from "./relation-iteration";
import { associate, dissociate } from "./associate";
import { isRelated } from "./compare-related";
import * as writes from "./relation-writes";
import { childColumn } from "./has-shared";
import * as pivotQueries from "./pivot-queries";
import type { PivotWhereQuery } from "./pivot-queries";
import { pivotRelatedKeys } from "./relation-scope";
import type { ScopeMethods } from "../model/scopes";

/** One related model: the element of a *Many value, the value itself otherwise. */
type Element<R> = NonNullable<R extends readonly (infer E)[] ? E : R>;

type Call = readonly [method: string, args: readonly unknown[]];

/**
 * Builder methods a relation query records and replays on the target's query as they are (Laravel chains any
 * builder method on a relation): a method the target's store lacks is a clear error when the query runs.
 */
const NARROWING_METHODS = [
  "whereBetween",
  "whereNotBetween",
  "orWhereBetween",
  "orWhereNotBetween",
  "whereColumn",
  "whereDate",
  "whereYear",
  "whereMonth",
  "whereDay",
  "whereRaw",
  "orWhereRaw",
  "orWhereIn",
  "orWhereNotIn",
  "orWhereNull",
  "orWhereNotNull",
  "orderByDesc",
  "orderByRaw",
  "latest",
  "oldest",
  "inRandomOrder",
  "select",
  "selectRaw",
  "distinct",
  "when",
  "unless",
  "whereDoesntHave",
  "orWhereHas",
  "orWhereDoesntHave",
  "has",
  "orHas",
  "doesntHave",
  "orDoesntHave",
  "whereRelation",
  "orWhereRelation",
  "whereHasMorph",
  "orWhereHasMorph",
  "whereDoesntHaveMorph",
  "orWhereDoesntHaveMorph",
  "whereDoesntHaveRelation",
  "orWhereDoesntHaveRelation",
  "whereMorphRelation",
  "orWhereMorphRelation",
  "whereMorphDoesntHaveRelation",
  "orWhereMorphDoesntHaveRelation",
  "hasMorph",
  "orHasMorph",
  "doesntHaveMorph",
  "orDoesntHaveMorph",
  "whereAttachedTo",
  "withSum",
  "withAvg",
  "withMin",
  "withMax",
  "withExists",
  "lockForUpdate",
  "sharedLock",
] as const;

type NarrowingMethod = (typeof NARROWING_METHODS)[number];
/** One related model (without the pivot the loader adds). */
type RelatedElement<R> = NonNullable<R extends readonly (infer E)[] ? E : R>;
/** create() input on a relation: the target's columns when it is typed (its keys are filled in here). */
type RelatedInput<R> = [LinkedClass<RelatedElement<R>>] extends [undefined]
  ? Record<string, unknown>
  : UpdateInput<LinkedClass<RelatedElement<R>>>;
type RelatedCreated<R> = [LinkedClass<RelatedElement<R>>] extends [undefined] ? RelatedElement<R> : ModelOf<LinkedClass<RelatedElement<R>>>;

/** Attribute names of the related model (any string when its attributes are not typed). */
type RelatedColumn<R> =
  NonNullable<R extends readonly (infer E)[] ? E : R> extends Model<infer A>
    ? string extends keyof A
      ? string
      : Exclude<keyof A & string, LoadedRelationKeys<A>>
    : string;

/** The recorded builder methods (NARROWING_METHODS), typed loosely: the target's query checks the arguments. */
export interface RelationQuery<R> extends Record<NarrowingMethod, (...args: unknown[]) => RelationQuery<R>> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above: the static block defines its methods
export class RelationQuery<R = unknown> implements PromiseLike<R> {
  readonly #parent: Model;
  /** Resolved once; `one()` gives a copy the hasOne / morphOne form of a hasMany / morphMany. */
  #relation: ResolvedRelation;
  readonly #calls: Call[] = [];
  #pivotAccessor: string | undefined;

  static {
    for (const method of NARROWING_METHODS) {
      Object.defineProperty(this.prototype, method, {
        configurable: true,
        writable: true,
        value(this: RelationQuery, ...args: unknown[]) {
          return this.#record(method, args);
        },
      });
    }
  }

  constructor(parent: Model, name: string) {
    this.#parent = parent;
    this.#relation = resolveRelation(parent.constructor as never, name);
    this.#installScopes();
  }

  /**
   * The target's local scopes as methods (`post.related("comments").approved()`), replayed on the target's query
   * like every other narrowing call. morphTo has no single target, hence no scopes. (Typed through `scoped(Target)`.)
   */
  #installScopes(): void {
    const scopes = (this.#relation.target as { scopes?: unknown } | undefined)?.scopes;
    if (scopes === null || typeof scopes !== "object") return;
    for (const scope of Object.keys(scopes)) {
      if (scope in this) continue; // the target's query refuses such a scope name with a clear error
      Object.defineProperty(this, scope, {
        value: (...args: unknown[]) => this.#record(scope, args),
        enumerable: false,
        configurable: true,
      });
    }
  }

  /**
   * The same query, typed with the target class's local scopes: `post.related("comments").scoped(Comment).approved()`.
   * (The scope methods exist without it; this only tells TypeScript which class the string target names.)
   */
  scoped<C extends abstract new (...args: any) => Element<R>>(target: C): this & ScopeMethods<C, this> {
    if (this.#relation.target !== undefined && (target as unknown) !== this.#relation.target)
      throw new RelationError(
        `${this.#relation.owner.name}.${this.#relation.name}.scoped(${target.name}): the relation's target is ${this.#relation.target.name}.`,
      );
    return this as this & ScopeMethods<C, this>;
  }

  withoutGlobalScope(name: string): this {
    return this.#record("withoutGlobalScope", [name]);
  }
  withoutGlobalScopes(names?: readonly string[]): this {
    return this.#record("withoutGlobalScopes", names === undefined ? [] : [names]);
  }

  #record(method: string, args: readonly unknown[]): this {
    this.#calls.push([method, args]);
    return this;
  }

  where(...args: unknown[]): this {
    return this.#record("where", args);
  }
  orWhere(...args: unknown[]): this {
    return this.#record("orWhere", args);
  }
  whereIn(...args: unknown[]): this {
    return this.#record("whereIn", args);
  }
  whereNotIn(...args: unknown[]): this {
    return this.#record("whereNotIn", args);
  }
  whereNull(...args: unknown[]): this {
    return this.#record("whereNull", args);
  }
  whereNotNull(...args: unknown[]): this {
    return this.#record("whereNotNull", args);
  }
  whereHas(...args: unknown[]): this {
    return this.#record("whereHas", args);
  }
  orderBy(...args: unknown[]): this {
    return this.#record("orderBy", args);
  }
  limit(...args: unknown[]): this {
    return this.#record("limit", args);
  }
  offset(...args: unknown[]): this {
    return this.#record("offset", args);
  }
  with(...args: unknown[]): this {
    return this.#record("with", args);
  }
  withCount(...args: unknown[]): this {
    return this.#record("withCount", args);
  }
  withTrashed(): this {
    return this.#record("withTrashed", []);
  }
  onlyTrashed(): this {
    return this.#record("onlyTrashed", []);
  }

  #constraint(): QueryConstraint | undefined {
    if (!this.#calls.length) return undefined;
    const calls = this.#calls.slice();
    return (q: Record<string, (...a: unknown[]) => unknown>) => {
      for (const [method, args] of calls) {
        if (typeof q[method] !== "function") {
          throw new RelationError(`${this.#relation.owner.name}.${this.#relation.name}: the target's query has no ${method}().`);
        }
        q[method]!(...args);
      }
    };
  }

  /** Runs the query: an array for *Many kinds, a model or null otherwise. */
  async get(): Promise<R> {
    const handler = RELATION_HANDLERS[this.#relation.kind];
    const result = await handler.fetch([this.#parent], this.#relation, this.#constraint());
    const value = result.resultFor(this.#parent) as R;
    if (this.#pivotAccessor) for (const model of value as Model[]) model.setPivot(model.pivot, this.#pivotAccessor);
    return value;
  }

  /** The first related model or null. */
  async first(): Promise<R extends readonly (infer E)[] ? E | null : R> {
    const value = (await this.get()) as unknown;
    return (Array.isArray(value) ? (value[0] ?? null) : value) as never;
  }

  async count(): Promise<number> {
    const countOf = await RELATION_HANDLERS[this.#relation.kind].count([this.#parent], this.#relation, this.#constraint());
    return countOf(this.#parent);
  }

  async exists(): Promise<boolean> {
    return (await this.count()) > 0;
  }

  then<T1 = R, T2 = never>(
    onfulfilled?: ((value: R) => T1 | PromiseLike<T1>) | null,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null,
  ): Promise<T1 | T2> {
    return this.get().then(onfulfilled, onrejected);
  }

  // ---- finders and writes through the relation (relation-writes.ts, associate.ts) ---------------------

  /** The target's key column: what find() matches. */
  #targetKey(): string {
    const rel = this.#relation;
    if (!rel.target) throw new RelationError(`${rel.owner.name}.${rel.name} is a morphTo relation: find() needs one target model.`);
    return rel.kind === "belongsToMany" ? rel.ownerKey! : modelMeta(rel.target).primaryKey;
  }

  /** `find(id)`: the related model with that key, or null (a list of ids: the related models among them). */
  find(id: readonly unknown[]): Promise<Element<R>[]>;
  find(id: unknown): Promise<Element<R> | null>;
  async find(id: unknown): Promise<unknown> {
    const ids = Array.isArray(id) ? id : [id];
    const scoped = this.#copy().#record("whereKeyIn", [this.#targetKey(), ids.filter((v) => v != null)]);
    const value = (await scoped.get()) as unknown;
    const list = Array.isArray(value) ? value : value == null ? [] : [value];
    return Array.isArray(id) ? list : (list[0] ?? null);
  }

  async findOrFail(id: unknown): Promise<Element<R>> {
    const found = await this.find(id);
    if (found == null)
      throw new ModelNotFoundError(this.#relation.target?.name ?? this.#relation.name, id, this.#notFound(`find(${JSON.stringify(id)})`));
    return found;
  }

  /** The related models with these keys (Laravel's `findMany`). */
  findMany(ids: readonly unknown[]): Promise<Element<R>[]> {
    return this.find(ids);
  }

  /** The only matching related model (with its pivot): ModelNotFoundError when none, MultipleRecordsFoundError when more. */
  async sole(): Promise<Element<R>> {
    const value = (await this.#copy().limit(2).get()) as unknown;
    const list = Array.isArray(value) ? value : value == null ? [] : [value];
    const target = this.#relation.target?.name ?? this.#relation.name;
    if (list.length === 0) throw new ModelNotFoundError(target, undefined, this.#notFound("sole()"));
    if (list.length > 1) throw new MultipleRecordsFoundError(target, `${this.#relation.owner.name}.related("${this.#relation.name}")`);
    return list[0] as Element<R>;
  }

  async firstOrFail(): Promise<Element<R>> {
    const found = await this.first();
    if (found == null)
      throw new ModelNotFoundError(this.#relation.target?.name ?? this.#relation.name, undefined, this.#notFound("firstOrFail()"));
    return found as unknown as Element<R>;
  }

  /** `findOrNew(id)`: the related model with that key, else a new unsaved target (has*: the relation's keys set). */
  async findOrNew(id: unknown): Promise<Element<R>> {
    const found = (await this.find(id)) as Model | null;
    return (found ?? writes.newRelated(this.#parent, this.#relation)) as unknown as Element<R>;
  }

  /**
   * `findOr(id, callback)`: the related model (a list of ids: all of them), or the callback's awaited result when
   * any is missing. `findOr(id, ["id", "title"], callback)` selects only those columns (and the key the relation
   * matches on, which the match needs).
   */
  findOr<T>(ids: readonly unknown[], callback: () => T | PromiseLike<T>): Promise<Element<R>[] | T>;
  findOr<T>(ids: readonly unknown[], columns: readonly RelatedColumn<R>[], callback: () => T | PromiseLike<T>): Promise<Element<R>[] | T>;
  findOr<T>(id: unknown, callback: () => T | PromiseLike<T>): Promise<Element<R> | T>;
  findOr<T>(id: unknown, columns: readonly RelatedColumn<R>[], callback: () => T | PromiseLike<T>): Promise<Element<R> | T>;
  async findOr(id: unknown, columnsOrCallback: unknown, callback?: () => unknown): Promise<unknown> {
    const { columns, fallback } = this.#columnsAnd("findOr", columnsOrCallback, callback);
    const found = await this.#selecting(columns).find(id);
    if (Array.isArray(id)) {
      const wanted = new Set(id.map((v) => String(v))).size;
      return (found as unknown[]).length >= wanted ? found : await fallback();
    }
    return found ?? (await fallback());
  }

  /** `findSole(id or model)`: exactly that related model; ModelNotFoundError when it is not related (or more than one row matches). */
  async findSole(idOrModel: unknown): Promise<Element<R>> {
    const key = this.#keyOf(idOrModel, "findSole");
    const found = (await this.find([key])) as Element<R>[];
    const op = `findSole(${JSON.stringify(key)})`;
    if (!found.length) throw new ModelNotFoundError(this.#relation.target?.name ?? this.#relation.name, key, this.#notFound(op));
    if (found.length > 1) throw new MultipleRecordsFoundError(this.#relation.target!.name, this.#describe(op));
    return found[0]!;
  }

  /** `firstOr(callback)`: the first related model, or the callback's awaited result; `firstOr(columns, callback)` selects those columns. */
  firstOr<T>(callback: () => T | PromiseLike<T>): Promise<Element<R> | T>;
  firstOr<T>(columns: readonly RelatedColumn<R>[], callback: () => T | PromiseLike<T>): Promise<Element<R> | T>;
  async firstOr(columnsOrCallback: unknown, callback?: () => unknown): Promise<unknown> {
    const { columns, fallback } = this.#columnsAnd("firstOr", columnsOrCallback, callback);
    return (await this.#selecting(columns).first()) ?? (await fallback());
  }

  /** `firstWhere(column, [operator,] value)`: `where(...).first()` among the related rows. */
  firstWhere(column: RelatedColumn<R>, value: unknown): Promise<Element<R> | null>;
  firstWhere(column: RelatedColumn<R>, operator: string, value: unknown): Promise<Element<R> | null>;
  firstWhere(...args: unknown[]): Promise<Element<R> | null> {
    return this.#copy()
      .where(...args)
      .first() as Promise<Element<R> | null>;
  }

  /** findOr / firstOr arguments: `(callback)` or `(columns, callback)`. */
  #columnsAnd(op: string, columnsOrCallback: unknown, callback: unknown): { columns?: readonly string[]; fallback: () => unknown } {
    const [columns, fallback] = typeof columnsOrCallback === "function" ? [undefined, columnsOrCallback] : [columnsOrCallback, callback];
    if (typeof fallback !== "function" || (columns !== undefined && !Array.isArray(columns))) {
      throw new TypeError(
        `${this.#describe(op)}: expected (${op === "findOr" ? "id, " : ""}callback) or (${op === "findOr" ? "id, " : ""}["column", ...], callback).`,
      );
    }
    return { columns: columns as readonly string[] | undefined, fallback: fallback as () => unknown };
  }

  /** A copy selecting `columns` plus the columns the relation matches rows to the parent by. */
  #selecting(columns: readonly string[] | undefined): RelationQuery<R> {
    if (!columns) return this;
    const rel = this.#relation;
    const needed = [...columns];
    const match =
      rel.through?.secondKey ??
      (rel.kind === "belongsTo" || rel.kind === "belongsToMany" ? rel.ownerKey : rel.target ? childColumn(rel) : undefined);
    if (match && !needed.includes(match)) needed.push(match);
    return this.#copy().#record("select", needed);
  }

  /** The key a finder looks for: the value itself, or a target model's key. */
  #keyOf(idOrModel: unknown, op: string): unknown {
    const target = this.#relation.target;
    if (!(idOrModel instanceof Object) || !("getKey" in idOrModel)) return idOrModel;
    if (target && !(idOrModel instanceof target)) {
      throw new RelationError(
        `${this.#describe(op)}: expected a ${target.name} or its key, got a ${(idOrModel as object).constructor.name}.`,
      );
    }
    return (idOrModel as Model).get(this.#targetKey());
  }

  #describe(op: string): string {
    const rel = this.#relation;
    return `${rel.owner.name}#${String(this.#parent.getKey())}.related("${rel.name}").${op}`;
  }

  #notFound(op: string): string {
    const rel = this.#relation;
    return (
      `No ${rel.target?.name ?? "model"} matched ${rel.owner.name}#${String(this.#parent.getKey())}.related("${rel.name}").${op}. ` +
      `It throws when nothing matches; use ${op.startsWith("find") ? "find()" : "first()"} to get null instead.`
    );
  }

  /** The first related row matching `attributes`, else a new unsaved one with the relation's keys set. */
  async firstOrNew(attributes: Record<string, unknown> = {}, values: Record<string, unknown> = {}): Promise<Element<R>> {
    const found = (await this.#copy().where(attributes).first()) as Model | null;
    return writes.firstOrNewRelated(this.#parent, this.#relation, found, attributes, values) as unknown as Promise<Element<R>>;
  }

  /** The first related row matching `attributes`, else one created through the relation. */
  async firstOrCreate(attributes: Record<string, unknown> = {}, values: Record<string, unknown> = {}): Promise<Element<R>> {
    const found = (await this.#copy().where(attributes).first()) as Model | null;
    return (found ?? (await this.create({ ...attributes, ...values }))) as unknown as Element<R>;
  }

  /** firstOrCreate, then an existing row is updated with `values`. */
  async updateOrCreate(attributes: Record<string, unknown>, values: Record<string, unknown> = {}): Promise<Element<R>> {
    const found = (await this.#copy().where(attributes).first()) as Model | null;
    if (!found) return (await this.create({ ...attributes, ...values })) as Element<R>;
    found.fill(values);
    await found.save();
    return found as unknown as Element<R>;
  }

  /** A new unsaved related model with the relation's keys (and its `inverse`) set (*sync*; Laravel's `make`). */
  make(attributes: Record<string, unknown> = {}): Element<R> {
    return writes.makeRelated(this.#parent, this.#relation, attributes) as unknown as Element<R>;
  }

  /**
   * Inserts first; on a unique violation returns the existing related row (belongsToMany: the existing target,
   * attached when it was not). The insert runs atomically, inside an open transaction as a savepoint, so the
   * transaction survives the violation.
   */
  async createOrFirst(attributes: Record<string, unknown> = {}, values: Record<string, unknown> = {}): Promise<Element<R>> {
    const rel = this.#relation;
    const target = rel.target;
    if (!target) throw new RelationError(`${rel.owner.name}.${rel.name} is a morphTo relation: createOrFirst() needs one target model.`);
    try {
      return (await target.adapter.atomic(target, () => this.create({ ...attributes, ...values }))) as Element<R>;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const related = (await this.#copy().where(attributes).first()) as Element<R> | null;
      if (related) return related;
      if (rel.kind !== "belongsToMany") throw error;
      const existing = (await (target as unknown as { query(): { where(a: unknown): { first(): Promise<Model | null> } } })
        .query()
        .where(attributes)
        .first()) as Model | null;
      if (!existing) throw error;
      await this.attach(existing);
      return ((await this.#copy().where(attributes).first()) ?? existing) as Element<R>;
    }
  }

  /** Creates a related model with the keys filled in (belongsToMany: created, then attached with `pivot` values). */
  async create(attributes: RelatedInput<R> = {} as RelatedInput<R>, pivot: Record<string, unknown> = {}): Promise<RelatedCreated<R>> {
    return (await writes.createRelated(
      this.#parent,
      this.#relation,
      attributes as Record<string, unknown>,
      pivot,
    )) as unknown as RelatedCreated<R>;
  }

  async createMany(rows: readonly Record<string, unknown>[]): Promise<Element<R>[]> {
    const rel = this.#relation;
    const target = rel.target;
    const adapter = rel.owner.adapter;
    // atomic in the target's store: a failing row leaves none of them behind
    const work = async () => {
      const out: Element<R>[] = [];
      for (const row of rows) out.push((await this.create(row as RelatedInput<R>)) as unknown as Element<R>);
      return out;
    };
    return target && target.adapter === adapter ? adapter.atomic(target, work) : work();
  }

  /** Saves `model` as related to this parent (sets its keys; belongsToMany: saves, then attaches). */
  async save<M extends Model>(model: M, pivot: Record<string, unknown> = {}): Promise<M> {
    return writes.saveRelated(this.#parent, this.#relation, model, pivot);
  }

  async saveMany<M extends Model>(models: readonly M[]): Promise<M[]> {
    const out: M[] = [];
    for (const model of models) out.push(await this.save(model));
    return out;
  }

  /** One UPDATE of the related rows (narrowed by the recorded where clauses); returns the rows changed. */
  update(values: Record<string, unknown>): Promise<number> {
    return writes.massWrite(this.#parent, this.#relation, "update", this.#constraint(), values);
  }
  /** Deletes the related rows (soft when the target has softDeletes); returns the count. */
  delete(): Promise<number> {
    return writes.massWrite(this.#parent, this.#relation, "delete", this.#constraint());
  }
  /** Restores the soft-deleted related rows; returns the count. */
  restore(): Promise<number> {
    return writes.massWrite(this.#parent, this.#relation, "restore", this.#constraint());
  }
  /**
   * Sets updated_at on the related rows (Laravel's `$post->tags()->touch()`), the rows every read through the
   * relation sees (its where / wherePivot / withTrashed options included); returns the rows changed (0 without timestamps).
   */
  touch(): Promise<number> {
    return writes.massWrite(this.#parent, this.#relation, "update", this.#constraint(), {});
  }
  /** Removes the related rows even when the target has softDeletes; returns the count. */
  forceDelete(): Promise<number> {
    return writes.massWrite(this.#parent, this.#relation, "forceDelete", this.#constraint());
  }

  // ---- streaming the related rows (relation-iteration.ts) -------------------------------------------

  /** One page of this query: after a key (keyset) or at an offset. */
  #pages(): iteration.PageReader {
    return async ({ size, column, after, offset }) => {
      const page = this.#copy();
      if (column !== undefined) {
        if (after !== undefined) page.#record("where", [column, ">", after]);
        page.#record("orderBy", [column, "asc"]);
      }
      if (offset !== undefined) page.#record("offset", [offset]);
      const value = (await page.#record("limit", [size]).get()) as unknown;
      return (Array.isArray(value) ? value : value == null ? [] : [value]) as Model[];
    };
  }

  /** Pages of `size` in key order (stable while rows change); `false` from the callback stops. True when it ran to the end. */
  chunkById(size: number, callback: iteration.ChunkCallback<Element<R>>, column: string = this.#targetKey()): Promise<boolean> {
    return iteration.chunkById(this.#pages(), size, column, callback);
  }

  /** Pages of `size` by offset, in this query's order (the key's when it has none); `false` from the callback stops. */
  chunk(size: number, callback: iteration.ChunkCallback<Element<R>>): Promise<boolean> {
    const ordered = this.#calls.some(
      ([method]) => method === "orderBy" || method === "orderByDesc" || method === "latest" || method === "oldest",
    );
    const query = ordered ? this : this.#copy().#record("orderBy", [this.#targetKey(), "asc"]);
    return iteration.chunk(query.#pages(), size, callback);
  }

  /** Each related model, read in pages of `size` by key; `false` from the callback stops. */
  async each(callback: (model: Element<R>, index: number) => unknown, size = 1000): Promise<boolean> {
    let index = 0;
    return this.chunkById(size, async (models) => {
      for (const model of models) if ((await callback(model, index++)) === false) return false;
      return true;
    });
  }

  /** The related models as an async iterator, read in pages of `size` by key: `for await (const tag of post.related("tags").cursor())`. */
  cursor(size = 1000): AsyncGenerator<Element<R>, void, undefined> {
    return iteration.cursor<Element<R>>(this.#pages(), size, this.#targetKey());
  }

  /** `lazy()` is Laravel's name for the same iterator. */
  lazy(size = 1000): AsyncGenerator<Element<R>, void, undefined> {
    return this.cursor(size);
  }

  /** belongsTo/morphTo: sets the foreign key (and morph type) to `model`'s and the loaded relation. Save after. */
  associate(model: Model | null): Model {
    return associate(this.#parent, this.#relation, model);
  }
  /** belongsTo/morphTo: clears the foreign key (and morph type). Save after. */
  dissociate(): Model {
    return dissociate(this.#parent, this.#relation);
  }

  /**
   * `post.related("author").is(user)`: whether `model` is the row this relation points at, without a query —
   * the same key (compared as text, so 1 and "1" match), the same table and the same connection; null never is.
   * belongsTo, morphTo (the morph type too), hasOne and morphOne.
   */
  is(model: Model | null | undefined): boolean {
    return isRelated(this.#parent, this.#relation, model);
  }

  /** The negation of `is(model)`. */
  isNot(model: Model | null | undefined): boolean {
    return !this.is(model);
  }

  /** `user.related("logins").one()`: a hasMany / morphMany as its hasOne / morphOne — awaiting it gives one model or null. */
  one(): RelationQuery<Element<R> | null> {
    const rel = this.#relation;
    if (rel.kind !== "hasMany" && rel.kind !== "morphMany") {
      throw new RelationError(
        `${rel.owner.name}.${rel.name} is a ${rel.kind} relation: one() turns a hasMany or morphMany into its hasOne / morphOne. ` +
          `For the first row of any relation use first().`,
      );
    }
    const q = this.#copy<Element<R> | null>();
    q.#relation = { ...rel, kind: rel.kind === "hasMany" ? "hasOne" : "morphOne" };
    return q;
  }

  /** A copy with the same recorded calls (the finders add their own without changing this query). */
  #copy<T = R>(): RelationQuery<T> {
    const q = new RelationQuery<T>(this.#parent, this.#relation.name);
    q.#relation = this.#relation;
    q.#calls.push(...this.#calls);
    q.#pivotAccessor = this.#pivotAccessor;
    return q;
  }

  #pivotRelation(op: string): ResolvedRelation {
    if (this.#relation.kind !== "belongsToMany" && this.#relation.kind !== "morphToMany" && this.#relation.kind !== "morphedByMany") {
      throw new RelationError(
        `${this.#relation.owner.name}.${this.#relation.name} is a ${this.#relation.kind} relation: ${op}() only works on belongsToMany, morphToMany and morphedByMany relations.`,
      );
    }
    modelMeta(this.#relation.owner);
    return this.#relation;
  }

  /**
   * Adds pivot rows: ids, models, or { id: { pivotColumn: value } }; `attributes` are pivot values for every
   * row (Laravel's `attach($id, ['role' => …])`; a row's own values win).
   */
  attach(ids: pivots.PivotInput, attributes?: Readonly<Record<string, unknown>>): Promise<void> {
    return pivots.attach(this.#parent, this.#pivotRelation("attach"), ids, attributes);
  }
  /** Removes pivot rows (all of this parent's for `detach()` / `detach(null)`; none for `[]`). Returns the number removed. */
  detach(ids?: pivots.PivotInput): Promise<number> {
    return pivots.detach(this.#parent, this.#pivotRelation("detach"), ids);
  }
  /** Makes the pivot rows exactly `ids`; returns what was attached, detached and updated. */
  sync(ids: pivots.PivotInput, options: { detaching?: boolean } | boolean = {}): Promise<pivots.SyncResult> {
    // `sync(ids, false)` is Laravel's spelling of { detaching: false }: never read it as "detach".
    const detaching = typeof options === "boolean" ? options : (options.detaching ?? true);
    return pivots.sync(this.#parent, this.#pivotRelation("sync"), ids, detaching);
  }
  /** Attaches the ids not attached yet, detaches the others. */
  toggle(ids: pivots.PivotInput): Promise<{ attached: unknown[]; detached: unknown[] }> {
    return pivots.toggle(this.#parent, this.#pivotRelation("toggle"), ids);
  }
  /** Updates the pivot columns of attached rows: an id, a model, or a list of either. Returns the rows changed. */
  updateExistingPivot(ids: pivots.PivotInput, values: Record<string, unknown>): Promise<number> {
    return pivots.updateExistingPivot(this.#parent, this.#pivotRelation("updateExistingPivot"), ids, values);
  }

  // ---- pivot queries (belongsToMany, pivot-queries.ts) ----------------------------------------------

  /**
   * `wherePivot("level", ">", 2)`; `wherePivot(q => q.where(...).orWhere(...))` is one parenthesised condition written
   * on a query of the pivot: the `using` pivot model's own query (its columns and local scopes; type the callback's
   * parameter as that query), otherwise a query of the pivot columns (`PivotWhereQuery`).
   */
  wherePivot<Q = PivotWhereQuery>(group: (q: Q) => unknown): this;
  wherePivot(column: string, value: unknown): this;
  wherePivot(column: string, operator: string, value: unknown): this;
  wherePivot(...args: unknown[]): this {
    return this.#record(...pivotQueries.wherePivot(this.#pivotRelation("wherePivot"), args));
  }
  orWherePivot<Q = PivotWhereQuery>(group: (q: Q) => unknown): this;
  orWherePivot(column: string, value: unknown): this;
  orWherePivot(column: string, operator: string, value: unknown): this;
  orWherePivot(...args: unknown[]): this {
    return this.#record(...pivotQueries.wherePivot(this.#pivotRelation("orWherePivot"), args, "or"));
  }
  wherePivotIn(column: string, values: readonly unknown[]): this {
    return this.#record(...pivotQueries.wherePivotIn(this.#pivotRelation("wherePivotIn"), column, values));
  }
  orWherePivotIn(column: string, values: readonly unknown[]): this {
    return this.#record(...pivotQueries.wherePivotIn(this.#pivotRelation("orWherePivotIn"), column, values, false, "or"));
  }
  wherePivotNotIn(column: string, values: readonly unknown[]): this {
    return this.#record(...pivotQueries.wherePivotIn(this.#pivotRelation("wherePivotNotIn"), column, values, true));
  }
  orWherePivotNotIn(column: string, values: readonly unknown[]): this {
    return this.#record(...pivotQueries.wherePivotIn(this.#pivotRelation("orWherePivotNotIn"), column, values, true, "or"));
  }
  wherePivotNull(column: string): this {
    return this.#record(...pivotQueries.wherePivotNull(this.#pivotRelation("wherePivotNull"), column));
  }
  orWherePivotNull(column: string): this {
    return this.#record(...pivotQueries.wherePivotNull(this.#pivotRelation("orWherePivotNull"), column, false, "or"));
  }
  wherePivotNotNull(column: string): this {
    return this.#record(...pivotQueries.wherePivotNull(this.#pivotRelation("wherePivotNotNull"), column, true));
  }
  orWherePivotNotNull(column: string): this {
    return this.#record(...pivotQueries.wherePivotNull(this.#pivotRelation("orWherePivotNotNull"), column, true, "or"));
  }
  /** `wherePivotBetween("level", [1, 3])`: both ends included, as SQL's BETWEEN. */
  wherePivotBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#record(...pivotQueries.wherePivotBetween(this.#pivotRelation("wherePivotBetween"), column, range));
  }
  orWherePivotBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#record(...pivotQueries.wherePivotBetween(this.#pivotRelation("orWherePivotBetween"), column, range, false, "or"));
  }
  wherePivotNotBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#record(...pivotQueries.wherePivotBetween(this.#pivotRelation("wherePivotNotBetween"), column, range, true));
  }
  orWherePivotNotBetween(column: string, range: readonly [unknown, unknown]): this {
    return this.#record(...pivotQueries.wherePivotBetween(this.#pivotRelation("orWherePivotNotBetween"), column, range, true, "or"));
  }
  orderByPivot(column: string, direction: "asc" | "desc" = "asc"): this {
    return this.#record(...pivotQueries.orderByPivot(this.#pivotRelation("orderByPivot"), column, direction));
  }
  /** Declared pivotColumns are always loaded on `model.pivot`; this checks the names (an undeclared one is an error). */
  withPivot(...columns: string[]): this {
    pivotQueries.checkWithPivot(this.#pivotRelation("withPivot"), columns.flat());
    return this;
  }
  /** Exposes each model's pivot row under `name` (`role.membership.level`, and in toJSON) instead of `pivot`. */
  as(name: string): this {
    this.#pivotRelation("as");
    if (!/^[A-Za-z_$][\w$]*$/.test(name))
      throw new RelationError(`${this.#relation.owner.name}.${this.#relation.name}.as(): '${name}' is not an identifier.`);
    this.#pivotAccessor = name;
    return this;
  }
  /** The related keys of this parent, read from the pivot (one query, no related rows loaded). */
  allRelatedIds(): Promise<unknown[]> {
    return pivotRelatedKeys(this.#parent, this.#pivotRelation("allRelatedIds"));
  }

  // ---- aggregates over the related rows (relation-aggregates.ts) ----------------------------------
  sum(column: RelatedColumn<R>): Promise<number> {
    return relationAggregate(this.#parent, this.#relation, "sum", column, this.#constraint()) as Promise<number>;
  }
  avg(column: RelatedColumn<R>): Promise<number | null> {
    return relationAggregate(this.#parent, this.#relation, "avg", column, this.#constraint()) as Promise<number | null>;
  }
  average(column: RelatedColumn<R>): Promise<number | null> {
    return this.avg(column);
  }
  min(column: RelatedColumn<R>): Promise<unknown> {
    return relationAggregate(this.#parent, this.#relation, "min", column, this.#constraint());
  }
  max(column: RelatedColumn<R>): Promise<unknown> {
    return relationAggregate(this.#parent, this.#relation, "max", column, this.#constraint());
  }
}
