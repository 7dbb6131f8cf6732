/**
 * The store adapter: the few data-access operations the store-neutral relation layer needs.
 * `SqlModel.adapter` implements it on knex, `MongoModel.adapter` on the MongoDB driver, so a
 * relation may cross stores (one query per store per level; keys compared after normalisation).
 * See docs/architecture.md, "Store adapter".
 */
import type { Model } from "../model/model";
import type { ModelClass } from "../model/types";

/** Narrows a query of the target's store (`q => q.where("published", true)`). */
export type QueryConstraint = (query: any) => unknown;

export interface KeyFetch {
  /** Model to read. */
  model: ModelClass;
  /** Column (field) compared with `values`. */
  column: string;
  /** Distinct, non-null key values, possibly of another store's type: coerce them to the column's type. */
  values: readonly unknown[];
  /** Extra equality filters (morph relations: `{ commentable_type: "Post" }`). */
  equals?: Readonly<Record<string, unknown>>;
  /**
   * One of many (hasOne latestOfMany / oldestOfMany / ofMany): per distinct `column` value keep only the row
   * with the greatest (max) or smallest (min) `ofMany.column`, ties broken by the greatest primary key.
   */
  ofMany?: { readonly column: string; readonly aggregate: "max" | "min" };
  /** The user's constraint, applied to the store's own query builder. */
  constraint?: QueryConstraint;
}

/** `wherePivot: [column, operator, value]` of a relation definition (operator lower-cased, `=` when not written). */
export interface PivotCondition {
  readonly column: string;
  readonly operator: string;
  readonly value: unknown;
}

/** A belongsToMany pivot table (SQL) or pivot collection (Mongo). It lives in the owner's store. */
export interface PivotSpec {
  /** Model declaring the relation; its store and connection hold the pivot. */
  owner: ModelClass;
  table: string;
  /** Pivot column holding the owner's key. */
  localKey: string;
  /** Pivot column holding the related model's key. */
  foreignKey: string;
  /** Extra pivot columns exposed on `related.pivot`. */
  columns: readonly string[];
  /** Which of created_at / updated_at the pivot declares in pivotColumns (set on attach / update). */
  timestamps: readonly string[];
  /**
   * Equalities every pivot row of this relation has (morphToMany: `{ taggable_type: "Post" }`): reads and
   * deletes filter by them, attach writes them.
   */
  where?: Readonly<Record<string, unknown>>;
  /**
   * The relation's `wherePivot` conditions: every pivot read (loads, counts, whereHas, allRelatedIds, sync's
   * current rows) and pivot delete/update filters by them; unlike `where`, attach does not write them (as Laravel).
   */
  conditions?: readonly PivotCondition[];
  /** The relation's `as` option: related models expose their pivot under this name instead of `pivot`. */
  accessor?: string;
  /** Columns that must be null on every row read (a through model's `deleted_at`). */
  whereNull?: readonly string[];
  /** The `using` pivot model (a Pivot / MorphPivot subclass): rows are hydrated as it, its columns typed by it. */
  using?: ModelClass;
}

/** Every column a pivot row is read with: the two keys, the extra columns, the timestamps. */
export function pivotColumnNames(spec: PivotSpec): string[] {
  return [spec.localKey, spec.foreignKey, ...spec.columns, ...spec.timestamps];
}

/**
 * Related models with the pivot rows that linked them: `pivots[i]` linked `models[i]`. Two parallel
 * arrays rather than a `{ model, pivot }` pair per row: one object fewer per loaded row.
 */
export interface PivotMatches {
  models: Model[];
  pivots: Record<string, unknown>[];
}

export interface StoreAdapter {
  /**
   * A store may load a relation its own way: Mongo's belongsToMany without pivot metadata reads an id
   * array on the owner document. Asked on the owner's adapter; undefined means the generic loader.
   */
  relationHandler?(relation: import("./resolve").ResolvedRelation): import("./kind").RelationKindHandler | undefined;
  /** Models of `model` whose `column` is one of `values` (chunked below the store's limits). */
  fetchByKeys(request: KeyFetch): Promise<Model[]>;
  /** `[key, count]` per key value present (absent keys count 0). */
  countByKeys(request: KeyFetch): Promise<Array<readonly [unknown, number]>>;

  /**
   * Optional `[key, aggregate]` per key value present: `fn` of column `aggregated` grouped by
   * `column` (withSum/withAvg/withMin/withMax). Without it the related rows are aggregated in memory.
   */
  aggregateByKeys?(
    request: KeyFetch & { fn: "sum" | "avg" | "min" | "max"; aggregated: string },
  ): Promise<Array<readonly [unknown, unknown]>>;

  /** Pivot rows whose `spec.localKey` is one of `ownerKeys`. */
  fetchPivotRows(spec: PivotSpec, ownerKeys: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Optional single-query path when the target lives on the same connection as the pivot (SQL
   * join). Without it the loader reads the pivot, then the targets (two queries).
   */
  fetchThroughPivot?(
    spec: PivotSpec,
    target: ModelClass,
    targetKey: string,
    ownerKeys: readonly unknown[],
    constraint?: QueryConstraint,
  ): Promise<PivotMatches>;
  /** Optional `[ownerKey, count]` through the pivot with a constraint on the target (same connection only). */
  countThroughPivot?(
    spec: PivotSpec,
    target: ModelClass,
    targetKey: string,
    ownerKeys: readonly unknown[],
    constraint?: QueryConstraint,
  ): Promise<Array<readonly [unknown, number]>>;
  insertPivotRows(spec: PivotSpec, rows: Record<string, unknown>[]): Promise<void>;
  /** Deletes the owner's pivot rows (only those pointing at `relatedKeys` when given). */
  deletePivotRows(spec: PivotSpec, ownerKey: unknown, relatedKeys?: readonly unknown[]): Promise<number>;
  updatePivotRow(spec: PivotSpec, ownerKey: unknown, relatedKey: unknown, values: Record<string, unknown>): Promise<number>;
  /** Runs `work` atomically in the model's store (a transaction, joined when one is open). */
  atomic<T>(model: ModelClass, work: () => Promise<T>): Promise<T>;
}
