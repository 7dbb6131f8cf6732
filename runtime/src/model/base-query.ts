/**
 * What the SQL and Mongo query builders share, so each store keeps only what differs (where
 * clauses, ordering, building and running): the `with`/`withCount` bookkeeping, the soft-delete
 * scope, limit/offset validation, pagination, the *OrFail entry points, awaiting, and the
 * unknown-column error with did-you-mean.
 */
import { didYouMean, ModelNotFoundError } from "./errors";
import { hydrateAll } from "./hydrate";
import type { Model } from "./model";
import { modelMeta, type ModelMeta } from "./meta";
import type { ColumnNames, ModelClass, RelationNames } from "./types";
import type { EagerPath, QueryBuilders, Rebind, WithArg } from "../types/query";
import type { Loaded, PathsOf } from "../types/relations";
import type { QueryConstraint } from "../relations/adapter";
import { addEagerPaths, assertEagerTree, eagerLoad, loadCounts, parseCountSpecs, type EagerNode, type EagerSpec } from "../relations/eager";
import { resolveRelation } from "../relations/resolve";
import { copyTree, defaultLoads, removePaths } from "../relations/default-loads";
import {
  checkAggregateSpecs,
  loadAggregates,
  parseAggregateSpecs,
  type AggregateFn,
  type AggregateSpec,
} from "../relations/eager-aggregates";

/** Column names of a schema type (any string when the schema type is not literal). */
export type Column<S> = string extends keyof S ? string : ColumnNames<S>;
/** withCount names: a relation, optionally aliased (`"posts as published_count"`). */
export type CountName<S> = string extends keyof S ? string : RelationNames<S> | `${RelationNames<S>} as ${string}`;
/** Eager paths of a schema type, each segment checked when its target is registered (any string when the schema type is not literal). */
export type WithPath<S> = EagerPath<S>;

export interface Page<M> {
  data: M[];
  total: number;
  perPage: number;
  currentPage: number;
  lastPage: number;
}

/** "2" → 2 (digits only, surrounding spaces allowed); anything else unchanged, for the validation to report. */
function numericString(v: unknown): unknown {
  return typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
}

type CountSpecs = Map<string, { relation: string; constraint?: QueryConstraint }>;

export abstract class BaseQuery<M, S> implements PromiseLike<M[]> {
  readonly model: ModelClass<M & Model>;
  readonly meta: ModelMeta;
  protected limitCount: number | undefined;
  protected offsetCount: number | undefined;
  protected eagerPaths: Map<string, EagerNode> | undefined;
  protected countSpecs: CountSpecs | undefined;
  protected trashed: "exclude" | "include" | "only" = "exclude";
  protected aggregateSpecs: Map<string, AggregateSpec> | undefined;

  /** Type-only (no run-time member): the model base an opted-out class's rebound results keep (types/query.ts Rebind). */
  declare readonly "~model"?: unknown;
  /** Type-only: which store's builder class this is (a key of QueryBuilders; each store's builder narrows it). */
  declare readonly "~store"?: keyof QueryBuilders<unknown, unknown>;
  /** Type-only: the schema, so Rebind can name this builder over another result model. */
  declare readonly "~schema"?: S;

  constructor(model: ModelClass<M & Model>) {
    this.model = model;
    this.meta = modelMeta(model);
    // static defaultWith / defaultWithCount: every query of the model starts with them (relation loads too).
    const defaults = defaultLoads(model);
    if (defaults.tree) this.eagerPaths = copyTree(defaults.tree);
    if (defaults.counts) this.countSpecs = new Map(defaults.counts);
  }

  /** The query in words for error messages (each store may print its statement). */
  protected describe(): string {
    return `the query on ${this.meta.table}`;
  }

  /** The store's error for bad query input (QueryError, MongoQueryError). */
  protected abstract queryError(message: string): Error;
  abstract get(): Promise<M[]>;
  abstract first(): Promise<M | null>;
  abstract find(id: unknown): Promise<M | null>;
  abstract count(): Promise<number>;
  abstract clone(): BaseQuery<M, S>;

  /** Copies the shared state into a clone (relation specs are shared: they are never mutated after a run). */
  protected copySharedTo(q: BaseQuery<M, S>): void {
    q.limitCount = this.limitCount;
    q.offsetCount = this.offsetCount;
    q.eagerPaths = this.eagerPaths;
    q.countSpecs = this.countSpecs;
    q.trashed = this.trashed;
    q.aggregateSpecs = this.aggregateSpecs;
  }

  // ---- identifiers --------------------------------------------------------------------------------

  /** `name` is not a string, or not one of `known`: what was wrong, the closest name, the full list. */
  protected columnError(
    where: string,
    name: unknown,
    known: readonly string[],
    container: "table" | "collection",
    bare = String(name),
  ): Error {
    if (typeof name !== "string") {
      return this.queryError(`${this.meta.name}.${where}: a column name must be a string, got ${name === null ? "null" : typeof name}.`);
    }
    return this.queryError(
      `${this.meta.name}.${where}: unknown column '${name}' on ${container} ${this.meta.table}.` +
        didYouMean(bare, known) +
        ` Columns: ${known.join(", ")}. Only columns declared in static schema can be queried.`,
    );
  }

  // ---- soft deletes ---------------------------------------------------------------------------------

  withTrashed(): this {
    this.trashed = "include";
    return this;
  }
  onlyTrashed(): this {
    this.trashed = "only";
    return this;
  }
  /**
   * Soft deletes are the global scope named "softDeletes" (Laravel's SoftDeletingScope): removing it by name, or
   * removing every global scope, includes trashed rows. `onlyTrashed()` is a filter of its own and stays.
   */
  protected removeSoftDeleteScope(): void {
    if (this.trashed === "exclude") this.trashed = "include";
  }

  // ---- shape ----------------------------------------------------------------------------------------

  limit(n: number): this {
    this.limitCount = this.nonNegative(n, "limit");
    return this;
  }
  offset(n: number): this {
    this.offsetCount = this.nonNegative(n, "offset");
    return this;
  }
  protected nonNegative(n: unknown, what: string): number {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
      throw this.queryError(`${this.meta.name}.${what}(${JSON.stringify(n)}): expected a non-negative integer.`);
    }
    return n;
  }

  /** Eager-loads relations: `with("posts.comments", "profile")`, `with({ posts: q => q.where(...) })`. */
  /** Also nested relative to a key: `with({ posts: ["tags"] })`, `with({ posts: { comments: q => ... } })`. */
  /** The result type gains the loaded relations (`posts: Post[]`, `profile: Profile | null`). */
  with<const A extends readonly WithArg<S>[]>(...specs: A): Rebind<this, M & Loaded<S, PathsOf<A[number]>, M>> {
    addEagerPaths((this.eagerPaths ??= new Map()), specs as unknown as EagerSpec[]);
    assertEagerTree(this.model, this.eagerPaths); // fail now, not only when rows come back
    return this as never;
  }

  /**
   * Leaves out eager loads this query would make, the model's `static defaultWith` ones included:
   * `Post.query().without("author")`, `without("comments.likes")` (the levels below go with it).
   */
  without(...paths: Array<WithPath<S> | readonly WithPath<S>[]>): this {
    const names = (paths as unknown[]).flat() as string[];
    // A misspelt path would silently keep loading: it fails like with("...") does.
    const check = new Map<string, EagerNode>();
    addEagerPaths(check, names);
    assertEagerTree(this.model, check);
    if (!this.eagerPaths?.size) return this;
    // A copy: a clone may share this tree.
    this.eagerPaths = copyTree(this.eagerPaths);
    removePaths(this.eagerPaths, names);
    return this;
  }

  /**
   * Internal (inverse): drops the load of relation `name` when nothing is loaded below it — the relation loader
   * sets it to the parent object instead. Loads below it stay, since the parent may not hold them.
   */
  skipLeafLoad(name: string): this {
    const node = this.eagerPaths?.get(name);
    if (node === undefined || node.children.size || node.constraint || node.columns) return this;
    this.eagerPaths = copyTree(this.eagerPaths!);
    this.eagerPaths.delete(name);
    return this;
  }

  /** withCount's bookkeeping; each store types its own `withCount` signature. */
  protected addCounts(specs: readonly unknown[]): this {
    const parsed = parseCountSpecs(specs as string[]);
    for (const [, { relation }] of parsed) resolveRelation(this.model, relation); // fail now, not after the query
    this.countSpecs ??= new Map();
    for (const [k, v] of parsed) this.countSpecs.set(k, v);
    return this;
  }

  /** `withSum("posts", "votes")` → `posts_sum_votes` (0 without related rows); `{ "posts as total": q => ... }` aliases and narrows. */
  withSum(relation: CountName<S> | Partial<Record<CountName<S>, QueryConstraint | true>>, column: string): this {
    return this.#addAggregate("sum", relation, column);
  }
  /** `withAvg("posts", "votes")` → `posts_avg_votes` (null without related rows). */
  withAvg(relation: CountName<S> | Partial<Record<CountName<S>, QueryConstraint | true>>, column: string): this {
    return this.#addAggregate("avg", relation, column);
  }
  withMin(relation: CountName<S> | Partial<Record<CountName<S>, QueryConstraint | true>>, column: string): this {
    return this.#addAggregate("min", relation, column);
  }
  withMax(relation: CountName<S> | Partial<Record<CountName<S>, QueryConstraint | true>>, column: string): this {
    return this.#addAggregate("max", relation, column);
  }
  /** `withExists("posts")` → `posts_exists` (a boolean). */
  withExists(...relations: Array<CountName<S> | Partial<Record<CountName<S>, QueryConstraint | true>>>): this {
    for (const r of relations) this.#addAggregate("exists", r as string);
    return this;
  }

  #addAggregate(fn: AggregateFn | "exists", relation: unknown, column?: string): this {
    const parsed = parseAggregateSpecs(fn, relation as string, column);
    checkAggregateSpecs(this.model, parsed); // fail now, not after the query
    this.aggregateSpecs ??= new Map();
    for (const [k, v] of parsed) this.aggregateSpecs.set(k, v);
    return this;
  }

  /** Hydrates rows and loads the requested relations and counts. */
  protected async hydrateAndLoad(rows: Record<string, unknown>[], counts = this.countSpecs): Promise<M[]> {
    const models = hydrateAll(this.model, rows);
    if (this.eagerPaths?.size) await eagerLoad(models, this.eagerPaths);
    if (counts?.size) await loadCounts(models, counts);
    if (this.aggregateSpecs?.size) await loadAggregates(models, this.aggregateSpecs);
    return models;
  }

  // ---- running --------------------------------------------------------------------------------------

  then<T1 = M[], T2 = never>(
    onfulfilled?: ((value: M[]) => T1 | PromiseLike<T1>) | null,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null,
  ): Promise<T1 | T2> {
    return this.get().then(onfulfilled, onrejected);
  }

  async firstOrFail(): Promise<M> {
    const found = await this.first();
    if (!found) {
      throw new ModelNotFoundError(
        this.meta.name,
        undefined,
        `No ${this.meta.name} matched ${this.describe()}. firstOrFail() throws when nothing matches; use first() to get null instead.`,
      );
    }
    return found;
  }

  async findOrFail(id: unknown): Promise<M> {
    const found = await this.find(id);
    if (!found) throw new ModelNotFoundError(this.meta.name, id);
    return found;
  }

  async paginate(page: number | string = 1, perPage: number | string = 15): Promise<Page<M>> {
    // page numbers usually come from a request (`?page=2`): numeric strings are accepted
    const p = this.nonNegative(numericString(page), "paginate(page)") || 1;
    const size = this.nonNegative(numericString(perPage), "paginate(perPage)") || 15;
    const total = await this.count();
    const data = await this.clone()
      .limit(size)
      .offset((p - 1) * size)
      .get();
    return { data, total, perPage: size, currentPage: p, lastPage: Math.max(1, Math.ceil(total / size)) };
  }
}
