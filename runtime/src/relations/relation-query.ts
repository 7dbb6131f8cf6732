/**
 * `model.related("posts")`: a query for one parent's related rows that can be narrowed further
 * (`.where(...)`, `.orderBy(...)`, `.with(...)`) and awaited. Narrowing calls are replayed on the
 * target store's own query builder, so the same object works for SQL and Mongo targets.
 * belongsToMany relations also expose the pivot writes (attach, detach, sync, toggle).
 */
import type { LoadedRelationKeys, Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { QueryConstraint } from "./adapter";
import { RELATION_HANDLERS } from "./kinds";
import * as pivots from "./pivot-ops";
import { relationAggregate } from "./relation-aggregates";
import { RelationError, resolveRelation, type ResolvedRelation } from "./resolve";
import { ModelNotFoundError } from "../model/errors";
import { associate, dissociate } from "./associate";
import * as writes from "./relation-writes";
import * as pivotQueries from "./pivot-queries";
import { pivotRelatedKeys } from "./relation-scope";
import type { ScopeMethods } from "../model/scopes";

/** One related model: the element of a *Many value, the value itself otherwise. */
type Element<R> = NonNullable<R extends readonly (infer E)[] ? E : R>;

type Call = readonly [method: string, args: readonly unknown[]];

/** Attribute names of the related model (any string when its attributes are not typed). */
type RelatedColumn<R> =
  NonNullable<R extends readonly (infer E)[] ? E : R> extends Model<infer A>
    ? string extends keyof A
      ? string
      : Exclude<keyof A & string, LoadedRelationKeys<A>>
    : string;

export class RelationQuery<R = unknown> implements PromiseLike<R> {
  readonly #parent: Model;
  readonly #relation: ResolvedRelation;
  readonly #calls: Call[] = [];
  #pivotAccessor: string | undefined;

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

  async firstOrFail(): Promise<Element<R>> {
    const found = await this.first();
    if (found == null)
      throw new ModelNotFoundError(this.#relation.target?.name ?? this.#relation.name, undefined, this.#notFound("firstOrFail()"));
    return found as unknown as Element<R>;
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

  /** A new unsaved related model with the relation's keys (and its `inverse`) set; save it to insert. */
  make(attributes: Record<string, unknown> = {}): Element<R> {
    return writes.makeRelated(this.#parent, this.#relation, attributes) as unknown as Element<R>;
  }

  /** The first related row matching `attributes`, else one created through the relation. */
  async firstOrCreate(attributes: Record<string, unknown> = {}, values: Record<string, unknown> = {}): Promise<Element<R>> {
    const found = (await this.#copy().where(attributes).first()) as Model | null;
    return (found ?? (await this.create({ ...attributes, ...values }))) as Element<R>;
  }

  /** firstOrCreate, then an existing row is updated with `values`. */
  async updateOrCreate(attributes: Record<string, unknown>, values: Record<string, unknown> = {}): Promise<Element<R>> {
    const found = (await this.#copy().where(attributes).first()) as Model | null;
    if (!found) return (await this.create({ ...attributes, ...values })) as Element<R>;
    found.fill(values);
    await found.save();
    return found as unknown as Element<R>;
  }

  /** Creates a related model with the keys filled in (belongsToMany: created, then attached with `pivot` values). */
  async create(attributes: Record<string, unknown> = {}, pivot: Record<string, unknown> = {}): Promise<Element<R>> {
    return (await writes.createRelated(this.#parent, this.#relation, attributes, pivot)) as unknown as Element<R>;
  }

  async createMany(rows: readonly Record<string, unknown>[]): Promise<Element<R>[]> {
    const rel = this.#relation;
    const target = rel.target;
    const adapter = rel.owner.adapter;
    // atomic in the target's store: a failing row leaves none of them behind
    const work = async () => {
      const out: Element<R>[] = [];
      for (const row of rows) out.push(await this.create(row));
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
  /** Removes the related rows even when the target has softDeletes; returns the count. */
  forceDelete(): Promise<number> {
    return writes.massWrite(this.#parent, this.#relation, "forceDelete", this.#constraint());
  }

  /** belongsTo/morphTo: sets the foreign key (and morph type) to `model`'s and the loaded relation. Save after. */
  associate(model: Model | null): Model {
    return associate(this.#parent, this.#relation, model);
  }
  /** belongsTo/morphTo: clears the foreign key (and morph type). Save after. */
  dissociate(): Model {
    return dissociate(this.#parent, this.#relation);
  }

  /** A copy with the same recorded calls (the finders add their own without changing this query). */
  #copy(): RelationQuery<R> {
    const q = new RelationQuery<R>(this.#parent, this.#relation.name);
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

  wherePivot(column: string, operatorOrValue: unknown, value?: unknown): this {
    const args = arguments.length >= 3 ? [column, operatorOrValue, value] : [column, operatorOrValue];
    return this.#record(...pivotQueries.wherePivot(this.#pivotRelation("wherePivot"), args));
  }
  orWherePivot(column: string, operatorOrValue: unknown, value?: unknown): this {
    const args = arguments.length >= 3 ? [column, operatorOrValue, value] : [column, operatorOrValue];
    return this.#record(...pivotQueries.wherePivot(this.#pivotRelation("orWherePivot"), args, "or"));
  }
  wherePivotIn(column: string, values: readonly unknown[]): this {
    return this.#record(...pivotQueries.wherePivotIn(this.#pivotRelation("wherePivotIn"), column, values));
  }
  wherePivotNotIn(column: string, values: readonly unknown[]): this {
    return this.#record(...pivotQueries.wherePivotIn(this.#pivotRelation("wherePivotNotIn"), column, values, true));
  }
  wherePivotNull(column: string): this {
    return this.#record(...pivotQueries.wherePivotNull(this.#pivotRelation("wherePivotNull"), column));
  }
  wherePivotNotNull(column: string): this {
    return this.#record(...pivotQueries.wherePivotNull(this.#pivotRelation("wherePivotNotNull"), column, true));
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
