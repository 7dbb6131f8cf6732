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

type Call = readonly [method: string, args: readonly unknown[]];

/** One related model (without the pivot the loader adds). */
type RelatedElement<R> = NonNullable<R extends readonly (infer E)[] ? E : R>;
/** create() input on a relation: the target's columns when it is typed (its keys are filled in here). */
type RelatedInput<R> = [LinkedClass<RelatedElement<R>>] extends [undefined]
  ? Record<string, unknown>
  : UpdateInput<LinkedClass<RelatedElement<R>>>;
type RelatedCreated<R> = [LinkedClass<RelatedElement<R>>] extends [undefined] ? Model : ModelOf<LinkedClass<RelatedElement<R>>>;

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

  constructor(parent: Model, name: string) {
    this.#parent = parent;
    this.#relation = resolveRelation(parent.constructor as never, name);
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
    return result.resultFor(this.#parent) as R;
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

  /** hasOne/hasMany/morphOne/morphMany: creates a related model with the keys filled in. */
  async create(attributes: RelatedInput<R> = {} as RelatedInput<R>): Promise<RelatedCreated<R>> {
    const rel = this.#relation;
    if (!["hasOne", "hasMany", "morphOne", "morphMany"].includes(rel.kind)) {
      throw new RelationError(
        `${rel.owner.name}.${rel.name} is a ${rel.kind} relation: create() works on hasOne/hasMany/morphOne/morphMany. ` +
          (rel.kind === "belongsToMany"
            ? "Create the related model, then attach() it."
            : "Create the related model, then set the foreign key."),
      );
    }
    const keys: Record<string, unknown> = { [rel.morphId ?? rel.foreignKey]: this.#parent.get(rel.localKey) };
    if (rel.morphType) keys[rel.morphType] = rel.ownerMeta.morphAlias;
    const target = rel.target! as unknown as { create(a: Record<string, unknown>): Promise<Model> };
    return target.create({ ...(attributes as Record<string, unknown>), ...keys }) as Promise<RelatedCreated<R>>;
  }

  #pivotRelation(op: string): ResolvedRelation {
    if (this.#relation.kind !== "belongsToMany") {
      throw new RelationError(
        `${this.#relation.owner.name}.${this.#relation.name} is a ${this.#relation.kind} relation: ${op}() only works on belongsToMany relations.`,
      );
    }
    modelMeta(this.#relation.owner);
    return this.#relation;
  }

  /** Adds pivot rows: ids, models, or { id: { pivotColumn: value } }. */
  attach(ids: pivots.PivotInput): Promise<void> {
    return pivots.attach(this.#parent, this.#pivotRelation("attach"), ids);
  }
  /** Removes pivot rows (all of this parent's for `detach()` / `detach(null)`; none for `[]`). Returns the number removed. */
  detach(ids?: pivots.PivotInput): Promise<number> {
    return pivots.detach(this.#parent, this.#pivotRelation("detach"), ids);
  }
  /** Makes the pivot rows exactly `ids`; returns what was attached, detached and updated. */
  sync(ids: pivots.PivotInput, options: { detaching?: boolean } = {}): Promise<pivots.SyncResult> {
    return pivots.sync(this.#parent, this.#pivotRelation("sync"), ids, options.detaching ?? true);
  }
  /** Attaches the ids not attached yet, detaches the others. */
  toggle(ids: pivots.PivotInput): Promise<{ attached: unknown[]; detached: unknown[] }> {
    return pivots.toggle(this.#parent, this.#pivotRelation("toggle"), ids);
  }
  /** Updates the pivot columns of attached rows: an id, a model, or a list of either. Returns the rows changed. */
  updateExistingPivot(ids: pivots.PivotInput, values: Record<string, unknown>): Promise<number> {
    return pivots.updateExistingPivot(this.#parent, this.#pivotRelation("updateExistingPivot"), ids, values);
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
