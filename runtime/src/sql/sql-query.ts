/**
 * The SQL query builder of a model. Identifiers come only from the model's schema (an unknown column
 * is an error with did-you-mean, never interpolated); every value is a bound parameter. Soft-deleted
 * rows are filtered in SQL. Awaiting the query runs it (`await User.query().where("active", true)`).
 */
import { assertEnumValue } from "../model/column-values";
import type { Knex } from "knex";
import type { ColumnDescriptor } from "eloquent-engine";
import { EloquentError } from "../model/errors";
import { modelMeta } from "../model/meta";
import type { ModelClass, SchemaShape } from "../model/types";
import type { Model } from "../model/model";
import type { QueryConstraint } from "../relations/adapter";
import { modelForMorphType, RelationError, resolveRelation } from "../relations/resolve";
import { findModel } from "../model/lookup";
import { BaseQuery, type Column, type WithPath } from "../model/base-query";
import { chunkSize, getConnection, type Dialect } from "./sql-connections";
import { largeIn } from "./large-in";
import { runnerFor } from "./transaction";
import { runStatement } from "./driver-errors";
import { readRows } from "./statement-cache";
import { inlineCounts } from "./inline-counts";
import { applyPivotConditions } from "./pivot-conditions";
import { withDefinition } from "../relations/definition";
import { ensureAccessor } from "../relations/eager";
import { TEXT_TYPES, toDatabase } from "./sql-values";
import type { SqlModelBase } from "./sql-model";
import { aggregate, type AggregateFn } from "./aggregates";
import * as streaming from "./streaming";
import { badSegment, jsonExtractSql, jsonPathBinding, jsonScalar, parseJsonPath, type JsonPathOf } from "./json-path";
import { datePartSql, datePartValue, type DatePart } from "./date-parts";
import { activeGlobalScopes, checkGlobalScopeNames, installScopes, SOFT_DELETES_SCOPE } from "../model/scopes";
import { applyJoins, joinedColumn, joinedDescriptor, joinTarget, type JoinedSchema } from "./joins";
import { applySelectExtras, applyShapeExtras, checkedBindings, cloneExtras, emptyExtras, type QueryExtras } from "./query-extras";
import type { ChunkCallback } from "./streaming";
import { perParentWindow, stripRowNumbers, type PerParentWindow } from "./per-parent-limit";
import type {
  AttributeValue,
  ComparisonOperator,
  CountArg,
  PatternOperator,
  Rebind,
  Selected,
  WhereValueIn,
  WhereValues,
} from "../types/query";
import type { Counted } from "../types/relations";
import { ModelNotFoundError, MultipleRecordsFoundError } from "../model/errors";
import {
  attachedTo,
  keysConstraint,
  morphCountMode,
  relationCondition,
  type MorphMode,
  type RelationCondition,
} from "../relations/existence-forms";

export interface SimplePage<M> {
  data: M[];
  perPage: number;
  currentPage: number;
  hasMorePages: boolean;
}

export interface CursorPage<M> {
  data: M[];
  perPage: number;
  /** Pass to cursorPaginate() for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Dates keep their type through the cursor (`{ d: iso }`). */
function encodeCursor(values: unknown[]): string {
  const plain = values.map((v) => (v instanceof Date ? { d: v.toISOString() } : typeof v === "bigint" ? v.toString() : v));
  return Buffer.from(JSON.stringify(plain), "utf8").toString("base64url");
}

const NUMERIC_TYPES = new Set(["int", "increments", "bigint", "bigIncrements", "float", "double", "decimal", "smallint", "tinyint"]);

export interface QueryContext {
  dialect: Dialect;
  runner: Knex | Knex.Transaction;
}

type WhereOp = (qb: Knex.QueryBuilder, ctx: QueryContext) => void;

/** A whereHasMorph(…, "*") call: `types` is filled from the table before each run. */
interface StarMorph {
  table: string;
  column: string;
  label: string;
  types?: string[];
}

/** whereHasMorph's callback: the parent type's query and its model name. */
export type MorphConstraint = (query: any, type: string) => unknown;

export type { Column, CountName, Page, WithPath } from "../model/base-query";

const OPERATORS = new Map<string, string>([
  ["=", "="],
  ["!=", "<>"],
  ["<>", "<>"],
  ["<", "<"],
  ["<=", "<="],
  [">", ">"],
  [">=", ">="],
  ["like", "like"],
  ["not like", "not like"],
  ["ilike", "ilike"],
]);

export class QueryError extends EloquentError {}

/**
 * `a = b` between two key columns of a correlated subquery. A string column against an integer one
 * (a morph id declared `string`, ids of several key types) compares as text on PostgreSQL, which
 * has no implicit cast between them; SQLite and MySQL convert on their own.
 */
function keyEquals(
  qb: Knex.QueryBuilder,
  dialect: Dialect,
  [a, aType]: readonly [string, ColumnDescriptor | undefined],
  [b, bType]: readonly [string, ColumnDescriptor | undefined],
): void {
  const aText = aType !== undefined && TEXT_TYPES.has(aType.type);
  const bText = bType !== undefined && TEXT_TYPES.has(bType.type);
  if (dialect === "pg" && aText !== bText && aType && bType) {
    qb.whereRaw(aText ? "?? = CAST(?? AS TEXT)" : "CAST(?? AS TEXT) = ??", [a, b]);
  } else qb.whereRaw("?? = ??", [a, b]);
}

/** knex option: a validated integer goes into the SQL text (see applyShape). */
const INLINE = { skipBinding: true } as const;

/** Numbers the aliases of self-relation subqueries (unique within a statement). */
let aliasCounter = 0;

/**
 * `M` is the result model type and carries no `extends SqlModelBase` constraint on purpose: a rebound
 * builder (Rebind, after with/select/withCount) would then have to intersect its result type
 * with the base class, and every member of such a result is resolved again as a merge of two
 * declarations, for each result type (about 200 of the 265 types a `with()` call made, bench/types). The
 * statics only ever build it over a model class; the few places that use a row as a model say so.
 */
export class SqlQuery<M = SqlModelBase, S = SchemaShape> extends BaseQuery<M, S> {
  #wheres: WhereOp[] = [];
  /** whereHasMorph(relation, "*") calls whose types are read before the query runs. */
  #stars: StarMorph[] = [];
  /** Relation-key filters: AND-ed outside the user's (possibly OR-ed) clauses. */
  #keyWheres: WhereOp[] = [];
  #hasOr = false;
  #orders: Array<readonly [string, "asc" | "desc"]> = [];
  #columns: string[] | undefined;
  /** Eager loading: limit/offset count per value of this column (per parent), see per-parent-limit.ts. */
  #partition: string | undefined;
  /** What columns are qualified with: the table, or an alias (self-relation subqueries). */
  readonly #qualifier: string;

  declare readonly "~store"?: "sql";

  constructor(model: ModelClass<M & Model>, alias?: string) {
    super(model);
    this.#qualifier = alias ?? this.meta.table;
    installScopes(this, model);
  }

  protected queryError(message: string): Error {
    return new QueryError(message);
  }

  #alias(): string | undefined {
    return this.#qualifier === this.meta.table ? undefined : this.#qualifier;
  }

  // ---- identifiers --------------------------------------------------------------------------------

  /** A schema column of this model, qualified with the table; anything else is a clear error. */
  #col(name: unknown, where: string): string {
    if (typeof name !== "string") throw this.columnError(where, name, [...this.meta.columns.keys()], "table");
    if (this.#extras?.joins.length) {
      const joined = joinedColumn(this.#extras.joins, name, where, (m) => new QueryError(m));
      if (joined) return joined;
    }
    const bare = name.startsWith(`${this.meta.table}.`)
      ? name.slice(this.meta.table.length + 1)
      : name.startsWith(`${this.#qualifier}.`)
        ? name.slice(this.#qualifier.length + 1)
        : name;
    if (!this.meta.columns.has(bare)) throw this.columnError(where, name, [...this.meta.columns.keys()], "table", bare);
    return `${this.#qualifier}.${bare}`;
  }

  #descriptor(qualified: string): ColumnDescriptor | undefined {
    if (this.#extras?.joins.length && !qualified.startsWith(`${this.#qualifier}.`)) return joinedDescriptor(this.#extras.joins, qualified);
    return this.meta.columns.get(qualified.slice(this.#qualifier.length + 1));
  }

  #value(qualified: string, value: unknown, ctx: QueryContext, where: string): unknown {
    return toDatabase(ctx.dialect, this.#descriptor(qualified), value, () => `${this.meta.name}.${where}`);
  }

  /** Converts a list of values for one column (descriptor looked up once). */
  #values(qualified: string, values: readonly unknown[], ctx: QueryContext, where: string): Knex.Value[] {
    const descriptor = this.#descriptor(qualified);
    const label = () => `${this.meta.name}.${where}`;
    const out = new Array<Knex.Value>(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toDatabase(ctx.dialect, descriptor, values[i], label) as Knex.Value;
    return out;
  }

  // ---- where ----------------------------------------------------------------------------------------

  where(group: (q: SqlQuery<M, S>) => unknown): this;
  where(values: Partial<WhereValues<S>>): this;
  where<K extends Column<S>>(column: K, value: WhereValueIn<WhereValues<S>, K>): this;
  where<K extends Column<S>>(column: K, operator: ComparisonOperator, value: WhereValueIn<WhereValues<S>, K>): this;
  where(column: Column<S>, operator: PatternOperator, pattern: string): this;
  where(path: JsonPathOf<S>, value: unknown): this;
  where(path: JsonPathOf<S>, operator: string, value: unknown): this;
  where(...args: unknown[]): this {
    return this.#where("and", args);
  }

  orWhere(group: (q: SqlQuery<M, S>) => unknown): this;
  orWhere(values: Partial<WhereValues<S>>): this;
  orWhere<K extends Column<S>>(column: K, value: WhereValueIn<WhereValues<S>, K>): this;
  orWhere<K extends Column<S>>(column: K, operator: ComparisonOperator, value: WhereValueIn<WhereValues<S>, K>): this;
  orWhere(column: Column<S>, operator: PatternOperator, pattern: string): this;
  orWhere(path: JsonPathOf<S>, value: unknown): this;
  orWhere(path: JsonPathOf<S>, operator: string, value: unknown): this;
  orWhere(...args: unknown[]): this {
    this.#hasOr = true;
    return this.#where("or", args);
  }

  #where(bool: "and" | "or", args: unknown[]): this {
    const method = bool === "and" ? "where" : "orWhere";
    const [first] = args;
    if (typeof first === "string" && first.includes("->") && (args.length === 2 || args.length === 3))
      return this.#whereJson(bool, first, args);
    if (typeof first === "function" && args.length === 1) {
      const group = new SqlQuery<M, S>(this.model, this.#alias());
      first(group);
      this.#wheres.push((qb, ctx) => {
        qb[method](function (this: Knex.QueryBuilder) {
          group.applyWheres(this, ctx);
        });
      });
      return this;
    }
    if (first !== null && typeof first === "object" && args.length === 1) {
      const entries = Object.entries(first as Record<string, unknown>).map(([c, v]) => [this.#col(c, `${method}({...})`), v] as const);
      this.#wheres.push((qb, ctx) => {
        qb[method](function (this: Knex.QueryBuilder) {
          for (const [c, v] of entries) {
            if (v === null || v === undefined) this.whereNull(c);
            else this.where(c, "=", toDb(c, v, ctx) as Knex.Value);
          }
        });
      });
      const toDb = (c: string, v: unknown, ctx: QueryContext) => this.#value(c, v, ctx, `${method}()`);
      return this;
    }
    if (args.length !== 2 && args.length !== 3) {
      throw new QueryError(
        `${this.meta.name}.${method}(): expected (column, value), (column, operator, value), ({ column: value }) or (q => ...), got ${args.length} arguments.`,
      );
    }
    const column = this.#col(first, `${method}()`);
    let operator = "=";
    let value = args[1];
    if (args.length === 3) {
      const op = OPERATORS.get(String(args[1]).toLowerCase());
      if (op === undefined) {
        throw new QueryError(
          `${this.meta.name}.${method}('${String(first)}', '${String(args[1])}', ...): unknown operator. Use one of ${[...OPERATORS.keys()].join(", ")}.`,
        );
      }
      operator = op;
      value = args[2];
    }
    if (value === null || value === undefined) {
      if (operator !== "=" && operator !== "<>") {
        throw new QueryError(`${this.meta.name}.${method}('${String(first)}', '${operator}', null): null only compares with = or !=.`);
      }
      const nullMethod =
        operator === "=" ? (bool === "and" ? "whereNull" : "orWhereNull") : bool === "and" ? "whereNotNull" : "orWhereNotNull";
      this.#wheres.push((qb) => void qb[nullMethod](column));
      return this;
    }
    if (Array.isArray(value)) {
      throw new QueryError(`${this.meta.name}.${method}('${String(first)}', [...]): use whereIn() to compare with a list.`);
    }
    if (operator === "ilike") {
      // PostgreSQL has ILIKE; elsewhere the same case-insensitive match is LOWER() LIKE LOWER()
      this.#wheres.push((qb, ctx) => {
        const bound = this.#value(column, value, ctx, `${method}()`) as Knex.Value;
        if (ctx.dialect === "pg") qb[method](column, "ilike", bound);
        else qb[bool === "and" ? "whereRaw" : "orWhereRaw"]("LOWER(??) LIKE LOWER(?)", [column, bound]);
      });
      return this;
    }
    this.#wheres.push((qb, ctx) => void qb[method](column, operator, this.#value(column, value, ctx, `${method}()`) as Knex.Value));
    return this;
  }

  whereIn<K extends Column<S>>(column: K, values: readonly WhereValueIn<WhereValues<S>, K>[]): this {
    return this.#in("whereIn", column, values);
  }
  whereNotIn<K extends Column<S>>(column: K, values: readonly WhereValueIn<WhereValues<S>, K>[]): this {
    return this.#in("whereNotIn", column, values);
  }
  orWhereIn(column: Column<S>, values: readonly unknown[]): this {
    this.#hasOr = true;
    return this.#in("orWhereIn", column, values);
  }

  #in(method: "whereIn" | "whereNotIn" | "orWhereIn", column: string, values: readonly unknown[]): this {
    const c = this.#col(column, `${method}()`);
    if (!Array.isArray(values)) throw new QueryError(`${this.meta.name}.${method}('${column}', ...): expected an array of values.`);
    const list = values.slice();
    this.#wheres.push((qb, ctx) => this.#inClause(qb, ctx, method, c, list));
    return this;
  }

  /** IN as bound values, or past the statement's parameter limit as one bound list (large-in.ts). */
  #inClause(qb: Knex.QueryBuilder, ctx: QueryContext, method: "whereIn" | "whereNotIn" | "orWhereIn", c: string, list: unknown[]): void {
    const bound = this.#values(c, list, ctx, `${method}()`);
    if (bound.length <= chunkSize(getConnection(this.meta.connection))) qb[method](c, bound);
    else largeIn(qb, ctx.dialect, method, c, this.#descriptor(c), bound);
  }

  /**
   * Internal: one parenthesised clause written by another query on a table this one joins (`wherePivot(q => ...)`
   * with a `using` pivot model: the pivot model's query, its columns qualified with the pivot table).
   */
  whereGroupOf(other: { applyWheres(qb: Knex.QueryBuilder, ctx: QueryContext): void }, bool: "and" | "or" = "and"): this {
    if (bool === "or") this.#hasOr = true;
    this.#wheres.push(
      (qb, ctx) =>
        void qb[bool === "and" ? "where" : "orWhere"](function (this: Knex.QueryBuilder) {
          other.applyWheres(this, ctx);
        }),
    );
    return this;
  }

  /**
   * Internal: IN on a relation key (already a schema column or a relation's declared key). Past the
   * statement's parameter limit the list travels as one bound value (large-in.ts), as whereIn() does.
   */
  whereKeyIn(column: string, values: readonly unknown[]): this {
    const c = `${this.#qualifier}.${column}`;
    const list = values.slice();
    this.#keyWheres.push((qb, ctx) => this.#inClause(qb, ctx, "whereIn", c, list));
    return this;
  }

  /** Internal: equality on a relation column (morph type), AND-ed outside the user's clauses. */
  whereKeyEquals(column: string, value: unknown): this {
    const c = `${this.#qualifier}.${column}`;
    this.#keyWheres.push((qb, ctx) => void qb.where(c, this.#value(c, value, ctx, "where()") as Knex.Value));
    return this;
  }

  /**
   * Internal: a relation definition's `where` option, checked and bound like `where()` but AND-ed outside the
   * caller's clauses, so an `orWhere` in an eager constraint cannot widen the relation past its own condition.
   */
  whereRelationOption(column: string, operator: string, value: unknown): this {
    const group = new SqlQuery<M, S>(this.model, this.#alias());
    (group.where as (...args: unknown[]) => unknown)(column, operator, value);
    this.#keyWheres.push((qb, ctx) => void qb.where((inner) => group.applyWheres(inner, ctx)));
    return this;
  }

  /**
   * Internal: one of many (hasOne latestOfMany / oldestOfMany / ofMany) — keep a row only when no other row of
   * its group (same `group` column, same `equals`, not soft-deleted) has a greater (max) or smaller (min)
   * `column`, ties going to the greatest primary key. A NOT EXISTS subquery, so the load stays one query.
   */
  whereOneOfMany(group: string, column: string, aggregate: "max" | "min", equals?: Readonly<Record<string, unknown>>): this {
    const outer = this.#qualifier;
    const { table, primaryKey, softDeletes } = this.meta;
    const alias = `eloquent_of_many_${++aliasCounter}`;
    const beats = aggregate === "max" ? ">" : "<";
    this.#keyWheres.push((qb) => {
      qb.whereNotExists(function (this: Knex.QueryBuilder) {
        this.from({ [alias]: table })
          .select(`${alias}.${primaryKey}`)
          .whereRaw("?? = ??", [`${alias}.${group}`, `${outer}.${group}`]);
        for (const [c, v] of Object.entries(equals ?? {})) this.where(`${alias}.${c}`, v as Knex.Value);
        if (softDeletes) this.whereNull(`${alias}.deleted_at`);
        this.where((better) =>
          better
            .whereRaw(`?? ${beats} ??`, [`${alias}.${column}`, `${outer}.${column}`])
            .orWhere((tie) =>
              tie
                .whereRaw("?? = ??", [`${alias}.${column}`, `${outer}.${column}`])
                .whereRaw("?? > ??", [`${alias}.${primaryKey}`, `${outer}.${primaryKey}`]),
            ),
        );
      });
    });
    return this;
  }

  whereNull(column: Column<S>): this {
    const c = this.#col(column, "whereNull()");
    this.#wheres.push((qb) => void qb.whereNull(c));
    return this;
  }
  whereNotNull(column: Column<S>): this {
    const c = this.#col(column, "whereNotNull()");
    this.#wheres.push((qb) => void qb.whereNotNull(c));
    return this;
  }

  /** Rows that have at least one related row (matching the constraint). Paths nest: "posts.comments". */
  whereHas(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.#has(relation, constraint, "whereExists");
  }
  orWhereHas(relation: WithPath<S>, constraint?: QueryConstraint): this {
    this.#hasOr = true;
    return this.#has(relation, constraint, "orWhereExists");
  }
  whereDoesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.#has(relation, constraint, "whereNotExists");
  }
  orWhereDoesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    this.#hasOr = true;
    return this.#has(relation, constraint, "orWhereNotExists");
  }

  /**
   * `has("posts")`, `has("posts", ">=", 3)`, `has("posts", ">", 2, q => ...)`: rows by the number of
   * related rows. ">= 1" and "< 1" are an EXISTS / NOT EXISTS; other comparisons a correlated COUNT.
   */
  has(relation: WithPath<S>, operator: string = ">=", count: number = 1, constraint?: QueryConstraint): this {
    return this.#hasCount(relation, operator, count, constraint, "and");
  }
  orHas(relation: WithPath<S>, operator: string = ">=", count: number = 1, constraint?: QueryConstraint): this {
    this.#hasOr = true;
    return this.#hasCount(relation, operator, count, constraint, "or");
  }
  doesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.whereDoesntHave(relation, constraint);
  }
  orDoesntHave(relation: WithPath<S>, constraint?: QueryConstraint): this {
    return this.orWhereDoesntHave(relation, constraint);
  }

  /** `whereRelation("posts", "published", true)`: whereHas with one where on the related rows (or a callback). */
  whereRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.whereHas(relation, relationCondition(condition, `${this.meta.name}.whereRelation('${relation}'`));
  }
  orWhereRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.orWhereHas(relation, relationCondition(condition, `${this.meta.name}.orWhereRelation('${relation}'`));
  }
  /** `whereDoesntHaveRelation("posts", "published", true)`: no related row matches the where. */
  whereDoesntHaveRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.whereDoesntHave(relation, relationCondition(condition, `${this.meta.name}.whereDoesntHaveRelation('${relation}'`));
  }
  orWhereDoesntHaveRelation(relation: WithPath<S>, ...condition: RelationCondition): this {
    return this.orWhereDoesntHave(relation, relationCondition(condition, `${this.meta.name}.orWhereDoesntHaveRelation('${relation}'`));
  }

  #hasCount(path: string, operator: string, count: number, constraint: QueryConstraint | undefined, bool: "and" | "or"): this {
    const op = OPERATORS.get(String(operator).toLowerCase());
    if (op === undefined || op.includes("like")) {
      throw new QueryError(
        `${this.meta.name}.has('${path}', '${String(operator)}', ...): the operator must be one of =, !=, <, <=, >, >=.`,
      );
    }
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw new QueryError(
        `${this.meta.name}.has('${path}', '${op}', ${JSON.stringify(count)}): the count must be a non-negative integer.`,
      );
    }
    if (op === ">=" && count === 1) return this.#has(path, constraint, bool === "and" ? "whereExists" : "orWhereExists");
    if (op === "<" && count === 1) return this.#has(path, constraint, bool === "and" ? "whereNotExists" : "orWhereNotExists");
    return this.#has(path, constraint, bool === "and" ? "whereExists" : "orWhereExists", { op, count });
  }

  /**
   * Rows whose morphTo points at an existing parent of one of `types` (model names or morph aliases) that
   * matches `constraint(query, typeName)`: per type, `type = alias AND EXISTS (select 1 from <parent> ...)`,
   * OR-ed (Laravel's whereHasMorph).
   */
  whereHasMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph(relation, types, constraint, "and", "exists");
  }
  orWhereHasMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    this.#hasOr = true;
    return this.#hasMorph(relation, types, constraint, "or", "exists");
  }
  /** Rows whose morphTo points at one of `types` but at no parent matching `constraint`. */
  whereDoesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.#hasMorph(relation, types, constraint, "and", "missing");
  }
  orWhereDoesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    this.#hasOr = true;
    return this.#hasMorph(relation, types, constraint, "or", "missing");
  }

  /** `hasMorph("commentable", ["Post"], ">=", 1)`: whereHasMorph by the number (0 or 1) of parents. */
  hasMorph(relation: WithPath<S>, types: string | readonly string[], operator = ">=", count = 1, constraint?: MorphConstraint): this {
    const mode = morphCountMode(this.meta.name, "hasMorph", relation, operator, count);
    return this.#hasMorph(relation, types, constraint, "and", mode);
  }
  orHasMorph(relation: WithPath<S>, types: string | readonly string[], operator = ">=", count = 1, constraint?: MorphConstraint): this {
    const mode = morphCountMode(this.meta.name, "orHasMorph", relation, operator, count);
    this.#hasOr = true;
    return this.#hasMorph(relation, types, constraint, "or", mode);
  }
  doesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.whereDoesntHaveMorph(relation, types, constraint);
  }
  orDoesntHaveMorph(relation: WithPath<S>, types: string | readonly string[], constraint?: MorphConstraint): this {
    return this.orWhereDoesntHaveMorph(relation, types, constraint);
  }

  /** `whereMorphRelation("commentable", ["Post"], "votes", ">", 5)`: whereHasMorph with one where on the parents. */
  whereMorphRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    return this.whereHasMorph(relation, types, relationCondition(condition, `${this.meta.name}.whereMorphRelation('${relation}'`));
  }
  orWhereMorphRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    return this.orWhereHasMorph(relation, types, relationCondition(condition, `${this.meta.name}.orWhereMorphRelation('${relation}'`));
  }
  whereMorphDoesntHaveRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    return this.whereDoesntHaveMorph(
      relation,
      types,
      relationCondition(condition, `${this.meta.name}.whereMorphDoesntHaveRelation('${relation}'`),
    );
  }
  orWhereMorphDoesntHaveRelation(relation: WithPath<S>, types: string | readonly string[], ...condition: RelationCondition): this {
    return this.orWhereDoesntHaveMorph(
      relation,
      types,
      relationCondition(condition, `${this.meta.name}.orWhereMorphDoesntHaveRelation('${relation}'`),
    );
  }

  /** Rows attached (belongsToMany) to the given model(s): `Post.whereAttachedTo(tag)`, `whereAttachedTo([a, b], "tags")`. */
  whereAttachedTo(related: SqlModelBase | readonly SqlModelBase[], relation?: WithPath<S>): this {
    const { path, column, keys } = attachedTo(this.model, related, relation);
    return this.whereHas(path as WithPath<S>, keysConstraint(column, keys));
  }

  #hasMorph(
    path: string,
    types: string | readonly string[],
    constraint: MorphConstraint | undefined,
    bool: "and" | "or",
    mode: MorphMode,
  ): this {
    const rel = resolveRelation(this.model, path);
    if (rel.kind !== "morphTo") {
      throw new RelationError(
        `${this.meta.name}.${path} is a ${rel.kind} relation: whereHasMorph() works on morphTo relations; use whereHas().`,
      );
    }
    const names = typeof types === "string" ? [types] : [...types];
    const outer = this.#qualifier;
    const ownerColumns = this.meta.columns;
    const parentFor = (name: string) => {
      // A model name or a morph alias, as in Laravel (class names or aliases).
      const parent = findModel(name) ?? modelForMorphType(rel, name);
      const meta = modelMeta(parent);
      if (parent.store !== "sql" || meta.connection !== this.meta.connection) {
        throw new RelationError(
          `${this.meta.name}.${path}: parent type ${meta.name} lives on another connection or store; whereHasMorph() needs one SQL connection.`,
        );
      }
      const selfJoin = meta.table === this.meta.table || meta.table === outer;
      const T = selfJoin ? `${meta.table}_has${++aliasCounter}` : meta.table;
      const inner = new SqlQuery(parent as ModelClass<SqlModelBase>, selfJoin ? T : undefined);
      rel.definition.constraint?.(inner); // the morphTo's own where / withTrashed, on every parent type
      if (constraint) constraint(inner, meta.name);
      const key = rel.ownerKey ?? meta.primaryKey;
      return { meta, T, from: selfJoin ? { [T]: meta.table } : T, inner, key, alias: meta.morphAlias ?? meta.name };
    };
    // "*": the types are the morph type column's distinct values, read when the query runs (see #settle).
    const star: StarMorph | undefined = names.includes("*")
      ? { table: this.meta.table, column: rel.morphType!, label: `${this.meta.name}.whereHasMorph("${path}", "*")` }
      : undefined;
    if (star) this.#stars.push(star);
    const listed = star ? [] : names.map(parentFor);
    this.#wheres.push((qb, ctx) => {
      if (star && star.types === undefined) {
        throw new RelationError(
          `${star.label}: the parent types are read when the query runs; inside a subquery or eager constraint, list them (e.g. ["Post", "Video"]).`,
        );
      }
      const parents = star ? star.types!.map(parentFor) : listed;
      qb[bool === "or" ? "orWhere" : "where"]((group) => {
        if (mode !== "none") {
          for (const p of parents) {
            group.orWhere((one) => {
              one.where(`${outer}.${rel.morphType}`, p.alias);
              if (mode === "any") return;
              one[mode === "missing" ? "whereNotExists" : "whereExists"](function (this: Knex.QueryBuilder) {
                this.select(ctx.runner.raw("1")).from(p.from);
                keyEquals(
                  this,
                  ctx.dialect,
                  [`${p.T}.${p.key}`, p.meta.columns.get(p.key)],
                  [`${outer}.${rel.morphId}`, ownerColumns.get(rel.morphId!)],
                );
                p.inner.applyConstraints(this, ctx);
              });
            });
          }
        }
        if (!parents.length || mode === "none") group.whereRaw("1 = 0");
        // a count of 0 passes with "*": a row with no type points at no parent at all (Laravel's checkMorphNull)
        if (star && (mode === "missing" || mode === "any")) group.orWhereNull(`${outer}.${rel.morphType}`);
      });
    });
    return this;
  }

  #has(
    path: string,
    constraint: QueryConstraint | undefined,
    method: "whereExists" | "orWhereExists" | "whereNotExists" | "orWhereNotExists",
    counted?: { op: string; count: number },
  ): this {
    const dot = path.indexOf(".");
    if (dot > 0) {
      // nested: the count (if any) applies to the last segment, as in Laravel
      const rest = path.slice(dot + 1);
      const inner = counted
        ? (q: SqlQuery) => q.has(rest, counted.op, counted.count, constraint)
        : (q: SqlQuery) => q.whereHas(rest, constraint);
      return this.#has(path.slice(0, dot), inner, method);
    }
    const rel = resolveRelation(this.model, path);
    if (rel.kind === "morphTo") {
      throw new RelationError(
        `${this.meta.name}.${path} is a morphTo relation: whereHas() needs a single target table. Filter on ${rel.morphType}/${rel.morphId} instead.`,
      );
    }
    const target = rel.target!;
    const targetMeta = modelMeta(target);
    if (target.store !== "sql" || targetMeta.connection !== this.meta.connection) {
      throw new RelationError(
        `${this.meta.name}.${path} crosses connections or stores: whereHas() needs both tables on one SQL connection. ` +
          `Query the related keys first, then use whereIn().`,
      );
    }
    // A self-relation (categories → categories) aliases the inner table so both sides stay distinct.
    const outer = this.#qualifier;
    const selfJoin = targetMeta.table === this.meta.table || targetMeta.table === outer;
    const T = selfJoin ? `${targetMeta.table}_has${++aliasCounter}` : targetMeta.table;
    const inner = new SqlQuery(target as ModelClass<SqlModelBase>, selfJoin ? T : undefined);
    // the relation definition's where / withTrashed / withoutGlobalScopes, then the caller's constraint
    withDefinition(rel, constraint)?.(inner);
    const from = selfJoin ? { [T]: targetMeta.table } : T;
    const ownerColumns = this.meta.columns;
    const correlate = (sub: Knex.QueryBuilder, ctx: QueryContext) => {
      (function (this: Knex.QueryBuilder) {
        switch (rel.kind) {
          case "belongsTo":
            keyEquals(
              this,
              ctx.dialect,
              [`${T}.${rel.ownerKey}`, targetMeta.columns.get(rel.ownerKey!)],
              [`${outer}.${rel.foreignKey}`, ownerColumns.get(rel.foreignKey!)],
            );
            break;
          case "belongsToMany":
          case "morphToMany":
          case "morphedByMany": {
            const p = rel.pivot!;
            this.innerJoin(p.table, `${p.table}.${p.foreignKey}`, `${T}.${rel.ownerKey}`);
            this.whereRaw("?? = ??", [`${p.table}.${p.localKey}`, `${outer}.${rel.localKey}`]);
            for (const [c, v] of Object.entries(p.where ?? {})) this.where(`${p.table}.${c}`, v as Knex.Value);
            applyPivotConditions(this, p);
            break;
          }
          case "hasOneThrough":
          case "hasManyThrough": {
            // The through table joins the target; its firstKey points back at the outer row.
            const { spec, secondKey } = rel.through!;
            this.innerJoin(spec.table, `${spec.table}.${spec.foreignKey}`, `${T}.${secondKey}`);
            this.whereRaw("?? = ??", [`${spec.table}.${spec.localKey}`, `${outer}.${rel.localKey}`]);
            for (const c of spec.whereNull ?? []) this.whereNull(`${spec.table}.${c}`);
            break;
          }
          default:
            keyEquals(
              this,
              ctx.dialect,
              [`${T}.${rel.morphId ?? rel.foreignKey}`, targetMeta.columns.get((rel.morphId ?? rel.foreignKey)!)],
              [`${outer}.${rel.localKey}`, ownerColumns.get(rel.localKey)],
            );
            if (rel.morphType) this.where(`${T}.${rel.morphType}`, rel.ownerMeta.morphAlias);
        }
        inner.applyConstraints(this, ctx);
      }).call(sub);
    };
    this.#wheres.push((qb, ctx) => {
      if (counted) {
        const sub = ctx.runner.from(from).count("*");
        correlate(sub, ctx);
        qb[method === "orWhereExists" ? "orWhereRaw" : "whereRaw"](`(?) ${counted.op} ?`, [sub, counted.count]);
        return;
      }
      qb[method](function (this: Knex.QueryBuilder) {
        this.select(ctx.runner.raw("1")).from(from);
        correlate(this, ctx);
      });
    });
    return this;
  }

  // ---- shape ----------------------------------------------------------------------------------------

  /** The result type keeps only the selected attributes (call it before with()/withCount()). */
  select<const K extends Column<S>>(...columns: K[]): Rebind<this, Selected<M, K>> {
    this.#columns = columns.map((c) => this.#col(c, "select()"));
    return this as never;
  }

  /** Internal: the qualified columns of select(), when given (joined loads select them instead of `table.*`). */
  selectedColumns(): readonly string[] | undefined {
    return this.#columns;
  }

  orderBy(column: Column<S>, direction: "asc" | "desc" = "asc"): this {
    const dir = String(direction).toLowerCase();
    if (dir !== "asc" && dir !== "desc") {
      throw new QueryError(`${this.meta.name}.orderBy('${String(column)}', '${String(direction)}'): direction must be "asc" or "desc".`);
    }
    this.#orders.push([this.#col(column, "orderBy()"), dir]);
    return this;
  }
  latest(column: Column<S> = "created_at" as Column<S>): this {
    return this.orderBy(column, "desc");
  }

  /** Adds `<relation>_count` attributes (`"posts as published_count"` and `{ posts: q => ... }` too). */
  withCount<const A extends readonly CountArg<S>[]>(...specs: A): Rebind<this, M & Counted<A>> {
    return this.addCounts(specs) as never;
  }

  clone(): SqlQuery<M, S> {
    const q = new SqlQuery<M, S>(this.model, this.#alias());
    q.#wheres = this.#wheres.slice();
    q.#stars = this.#stars.slice();
    q.#keyWheres = this.#keyWheres.slice();
    q.#hasOr = this.#hasOr;
    q.#orders = this.#orders.slice();
    q.#columns = this.#columns?.slice();
    q.#partition = this.#partition;
    q.#extras = cloneExtras(this.#extras);
    this.copySharedTo(q);
    return q;
  }

  // ---- building -------------------------------------------------------------------------------------

  /** Internal: the user's where clauses only. */
  applyWheres(qb: Knex.QueryBuilder, ctx: QueryContext): void {
    for (const op of this.#wheres) op(qb, ctx);
  }

  /** Internal: where clauses plus the soft-delete filter. */
  applyConstraints(qb: Knex.QueryBuilder, ctx: QueryContext): void {
    if (this.meta.softDeletes && this.trashed !== "include") {
      const c = `${this.#qualifier}.deleted_at`;
      if (this.trashed === "exclude") qb.whereNull(c);
      else qb.whereNotNull(c);
    }
    this.#applyGlobalScopes(qb, ctx);
    for (const op of this.#keyWheres) op(qb, ctx);
    if (!this.#wheres.length) return;
    if (this.#hasOr) {
      qb.where((group) => this.applyWheres(group, ctx));
    } else this.applyWheres(qb, ctx);
  }

  /** Internal: order, limit and offset. */
  /**
   * Limit and offset are validated integers, written into the SQL rather than bound: MySQL ≥ 8.0.22
   * rejects the DOUBLE that mysql2's prepared statements send for a JS number in `LIMIT ?`.
   */
  applyShape(qb: Knex.QueryBuilder): void {
    for (const [c, d] of this.#orders) qb.orderBy(c, d);
    if (this.#extras) applyShapeExtras(this.#extras, qb, this.context());
    if (this.limitCount !== undefined) qb.limit(this.limitCount, INLINE);
    if (this.offsetCount !== undefined) {
      if (this.limitCount === undefined) qb.limit(Number.MAX_SAFE_INTEGER, INLINE);
      qb.offset(this.offsetCount, INLINE);
    }
  }

  /**
   * Internal: the runner and dialect, resolved at execution time (joins the open transaction). Reads may go to a
   * read replica (read-write.ts); writes and locking reads go to the primary.
   */
  context(purpose: "read" | "write" = this.#extras?.lock ? "write" : "read"): QueryContext {
    const conn = getConnection(this.meta.connection);
    return { dialect: conn.dialect, runner: runnerFor(conn.name, purpose) };
  }

  /** Internal: `from table` with the constraints (no select, no shape). */
  base(ctx: QueryContext): Knex.QueryBuilder {
    const qb = this.#qualifier === this.meta.table ? ctx.runner(this.meta.table) : ctx.runner({ [this.#qualifier]: this.meta.table });
    if (this.#extras?.joins.length) applyJoins(this.#extras.joins, qb);
    this.applyConstraints(qb, ctx);
    return qb;
  }

  /** Internal: limit/offset apply to each value of `column` (an eager load's parent key), not to the whole result. */
  limitPerParent(column: string): this {
    this.#partition = `${this.#qualifier}.${column}`;
    return this;
  }

  /** Internal: the per-parent window when a limit or offset is set (eager loads with `limit` in the constraint). */
  perParentWindow(): PerParentWindow | undefined {
    if (this.limitCount === undefined && this.offsetCount === undefined) return undefined;
    return {
      orders: this.#orders,
      fallback: `${this.#qualifier}.${this.meta.primaryKey}`,
      limit: this.limitCount,
      offset: this.offsetCount ?? 0,
    };
  }

  /** The knex builder this query runs (for debugging: `.toSQL()`). */
  toKnex(): Knex.QueryBuilder {
    const ctx = this.context();
    const qb = this.base(ctx).select(this.#columns ?? (this.#extras?.selects.length ? [] : `${this.#qualifier}.*`));
    if (this.#extras) applySelectExtras(this.#extras, qb, ctx);
    const window = this.#partition === undefined ? undefined : this.perParentWindow();
    if (window) return this.readOptions(perParentWindow(ctx, qb, this.#partition!, window), ctx);
    this.applyShape(qb);
    return this.readOptions(qb, ctx);
  }

  /** Internal: SQLite reads of a model with bigint columns keep every digit (safeIntegers). */
  readOptions(qb: Knex.QueryBuilder, ctx: QueryContext): Knex.QueryBuilder {
    return ctx.dialect === "sqlite" && this.meta.safeIntegers ? qb.options({ safeIntegers: true }) : qb;
  }

  /** Internal: hydrates rows and loads the requested relations and counts. */
  async finish(rows: Record<string, unknown>[], inlinedCounts?: ReadonlySet<string>): Promise<M[]> {
    if (!inlinedCounts?.size) return this.hydrateAndLoad(rows);
    const rest = new Map([...this.countSpecs!].filter(([alias]) => !inlinedCounts.has(alias)));
    const models = await this.hydrateAndLoad(rows, rest);
    for (const alias of inlinedCounts) {
      ensureAccessor(this.model, alias);
      // PostgreSQL returns count(*) as a bigint string; counts are numbers, as the grouped query gives them
      for (const m of models as SqlModelBase[]) m.setComputed(alias, Number(m.get(alias) ?? 0));
    }
    return models;
  }

  // ---- running --------------------------------------------------------------------------------------

  /** Reads the morph types of whereHasMorph(…, "*") (distinct column values, no global scopes), as Laravel does. */
  async #settle(): Promise<void> {
    for (const star of this.#stars) {
      const ctx = this.context();
      const rows = (await runStatement(
        this.meta,
        star.label,
        ctx.runner(star.table).distinct({ t: star.column }).whereNotNull(star.column),
      )) as Array<{ t: unknown }>;
      star.types = rows.map((r) => String(r.t)).sort();
    }
  }

  async get(): Promise<M[]> {
    await this.#settle();
    const qb = this.toKnex();
    // withCount of direct children: correlated subqueries in this statement (inline-counts.ts)
    const inlined =
      // not under GROUP BY / DISTINCT: the correlated key would have to be grouped too
      this.countSpecs?.size && this.#partition === undefined && !this.#extras?.groups.length && !this.#extras?.distinct
        ? inlineCounts(
            { meta: this.meta, qualifier: this.#qualifier },
            this.countSpecs,
            qb,
            this.context(),
            (m, a) => new SqlQuery(m as never, a),
          )
        : undefined;
    const rows = (await runStatement(this.meta, "get()", readRows(qb))) as Record<string, unknown>[];
    return this.finish(this.#partition !== undefined && this.perParentWindow() ? stripRowNumbers(rows) : rows, inlined);
  }

  /** Internal: a query that is only where clauses (no limit, offset, join, grouping): usable as a correlated count. */
  isPlainFilter(): boolean {
    const e = this.#extras;
    return (
      this.limitCount === undefined &&
      this.offsetCount === undefined &&
      this.#partition === undefined &&
      this.#stars.length === 0 &&
      (e === undefined || (!e.distinct && !e.groups.length && !e.havings.length && !e.joins.length && !e.selects.length))
    );
  }

  async first(): Promise<M | null> {
    const rows = await this.clone().limit(1).get();
    return rows[0] ?? null;
  }

  async find(id: unknown): Promise<M | null> {
    if (id === null || id === undefined) return null;
    if (typeof id === "object") {
      throw this.queryError(
        `${this.meta.name}.find(): expected a value of primary key '${this.meta.primaryKey}' (a number or string), got ${Array.isArray(id) ? "an array" : "an object"}. ` +
          `For several ids use ${this.meta.name}.whereIn('${this.meta.primaryKey}', ids).get().`,
      );
    }
    return this.clone()
      .whereKeyIn(this.meta.primaryKey, [this.#checkedKey(id)])
      .first();
  }

  /**
   * A primary-key value `find()` can look up, the same on every dialect (PostgreSQL would reject
   * "abc" for an integer key with a driver error, SQLite and MySQL would quietly match nothing or
   * cast it). Integer keys take integers and digit strings; string keys take strings and numbers.
   */
  #checkedKey(id: unknown): unknown {
    const pk = this.meta.primaryKey;
    const type = this.meta.columns.get(pk)?.type;
    const integer = type === "increments" || type === "bigIncrements" || type === "int" || type === "bigint";
    const ok = integer
      ? (typeof id === "number" && Number.isSafeInteger(id)) || (typeof id === "string" && /^-?\d+$/.test(id)) || typeof id === "bigint"
      : typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) || typeof id === "bigint";
    if (!ok) {
      throw this.queryError(
        `${this.meta.name}.find(${typeof id === "string" ? JSON.stringify(id) : String(id)}): primary key '${pk}' is ${integer ? "an integer" : `a ${type ?? "string"}`} column, ` +
          `so the id must be ${integer ? "an integer or a string of digits" : "a string or a number"}; got ${typeof id === "number" ? String(id) : typeof id}. ` +
          `Validate the id where it enters (a route parameter, a form field) before calling find().`,
      );
    }
    return id;
  }

  protected override describe(): string {
    const { sql, bindings } = this.toKnex().toSQL();
    return `the query \`${sql}\`${bindings.length ? ` with bindings ${JSON.stringify(bindings)}` : ""}`;
  }

  async count(): Promise<number> {
    await this.#settle();
    if (this.#extras && (this.#extras.distinct || this.#extras.groups.length)) return this.#countOfRows();
    const ctx = this.context();
    const rows = await runStatement(this.meta, "count()", this.base(ctx).count({ count: "*" }));
    return Number((rows[0] as { count: unknown }).count);
  }

  async exists(): Promise<boolean> {
    await this.#settle();
    const ctx = this.context();
    const rows = await runStatement(this.meta, "exists()", this.base(ctx).select(ctx.runner.raw("1 as present")).limit(1, INLINE));
    return rows.length > 0;
  }

  /** Values of one column (cast like attributes). */
  async pluck<K extends Column<S>>(column: K): Promise<AttributeValue<M, K>[]> {
    await this.#settle();
    const c = this.#col(column, "pluck()");
    const ctx = this.context();
    const qb = this.base(ctx).select(c);
    this.applyShape(qb);
    const rows = (await runStatement(this.meta, "pluck()", this.readOptions(qb, ctx))) as Record<string, unknown>[];
    const bare = c.slice(this.#qualifier.length + 1);
    const cast = this.meta.readCasts.find(([name]) => name === bare)?.[1];
    return rows.map((r) => (cast ? cast(r[bare]) : r[bare])) as AttributeValue<M, K>[];
  }

  /** Mass update of the matching rows (only schema columns; updated_at is set). Returns the row count. */
  async update(values: Partial<Record<Column<S>, unknown>>): Promise<number> {
    await this.#settle();
    const ctx = this.context("write");
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      const c = this.#col(k, "update()");
      assertEnumValue(this.#descriptor(c), k, v, `${this.meta.name}.update()`);
      set[c.slice(this.#qualifier.length + 1)] = this.#value(c, v, ctx, "update()");
    }
    if (this.meta.timestamps && !("updated_at" in set)) set.updated_at = toDatabase(ctx.dialect, undefined, new Date(), "update()");
    if (!Object.keys(set).length) return 0;
    return Number(await runStatement(this.meta, "update()", this.base(ctx).update(set)));
  }

  /** Mass delete (soft when the model has softDeletes). Returns the row count. */
  async delete(): Promise<number> {
    await this.#settle();
    if (this.meta.softDeletes) {
      const ctx = this.context("write");
      return Number(
        await runStatement(
          this.meta,
          "delete()",
          this.base(ctx).update({ deleted_at: toDatabase(ctx.dialect, undefined, new Date(), "delete()") }),
        ),
      );
    }
    return this.forceDelete();
  }

  async forceDelete(): Promise<number> {
    await this.#settle();
    const ctx = this.context("write");
    return Number(await runStatement(this.meta, "forceDelete()", this.base(ctx).del()));
  }

  // ---- everyday API (Laravel's names): aggregates, shaping, counters, streaming ----------------------
  // Logic in aggregates.ts / streaming.ts; these are the typed entry points.

  orderByDesc(column: Column<S>): this {
    return this.orderBy(column, "desc");
  }
  oldest(column: Column<S> = "created_at" as Column<S>): this {
    return this.orderBy(column, "asc");
  }

  /** Applies `callback` when `value` is truthy (else `otherwise`, if given): `q.when(search, (q, s) => q.where(...))`. */
  when<V>(value: V, callback: (q: this, value: V) => unknown, otherwise?: (q: this, value: V) => unknown): this {
    if (value) callback(this, value);
    else otherwise?.(this, value);
    return this;
  }
  unless<V>(value: V, callback: (q: this, value: V) => unknown, otherwise?: (q: this, value: V) => unknown): this {
    return this.when(!value, () => callback(this, value), otherwise && (() => otherwise(this, value)));
  }

  whereBetween(column: Column<S>, range: readonly [unknown, unknown]): this {
    return this.#between("whereBetween", column, range);
  }
  whereNotBetween(column: Column<S>, range: readonly [unknown, unknown]): this {
    return this.#between("whereNotBetween", column, range);
  }
  orWhereBetween(column: Column<S>, range: readonly [unknown, unknown]): this {
    this.#hasOr = true;
    return this.#between("orWhereBetween", column, range);
  }

  #between(method: "whereBetween" | "whereNotBetween" | "orWhereBetween", column: string, range: readonly [unknown, unknown]): this {
    const c = this.#col(column, `${method}()`);
    if (!Array.isArray(range) || range.length !== 2 || range.some((v) => v === null || v === undefined)) {
      throw new QueryError(
        `${this.meta.name}.${method}('${column}', ...): expected [low, high] (two non-null values), got ${JSON.stringify(range)}.`,
      );
    }
    const [low, high] = range;
    this.#wheres.push((qb, ctx) => void qb[method](c, this.#values(c, [low, high], ctx, `${method}()`) as [Knex.Value, Knex.Value]));
    return this;
  }

  orWhereNull(column: Column<S>): this {
    const c = this.#col(column, "orWhereNull()");
    this.#hasOr = true;
    this.#wheres.push((qb) => void qb.orWhereNull(c));
    return this;
  }
  orWhereNotNull(column: Column<S>): this {
    const c = this.#col(column, "orWhereNotNull()");
    this.#hasOr = true;
    this.#wheres.push((qb) => void qb.orWhereNotNull(c));
    return this;
  }
  orWhereNotIn(column: Column<S>, values: readonly unknown[]): this {
    const c = this.#col(column, "orWhereNotIn()");
    if (!Array.isArray(values)) throw new QueryError(`${this.meta.name}.orWhereNotIn('${column}', ...): expected an array of values.`);
    const list = values.slice();
    this.#hasOr = true;
    this.#wheres.push((qb, ctx) => void qb.orWhereNotIn(c, this.#values(c, list, ctx, "orWhereNotIn()")));
    return this;
  }

  /** Internal (chunkById): `column > value`, AND-ed outside the user's clauses. */
  whereKeyAfter(column: string, value: unknown): this {
    const c = `${this.#qualifier}.${column}`;
    this.#keyWheres.push((qb, ctx) => void qb.where(c, ">", this.#value(c, value, ctx, "chunkById()") as Knex.Value));
    return this;
  }
  /** Internal (streaming): whether the query has an explicit order. */
  hasOrder(): boolean {
    return this.#orders.length > 0;
  }
  /** Internal (chunkById): drops the ordering (paging by key orders by the key). */
  withoutOrder(): this {
    this.#orders = [];
    return this;
  }

  // aggregates: Laravel's results (sum 0 on no rows; avg/min/max null)
  sum(column: Column<S>): Promise<number> {
    return this.#aggregate("sum", column) as Promise<number>;
  }
  avg(column: Column<S>): Promise<number | null> {
    return this.#aggregate("avg", column) as Promise<number | null>;
  }
  average(column: Column<S>): Promise<number | null> {
    return this.avg(column);
  }
  min(column: Column<S>): Promise<unknown> {
    return this.#aggregate("min", column);
  }
  max(column: Column<S>): Promise<unknown> {
    return this.#aggregate("max", column);
  }

  async #aggregate(fn: AggregateFn, column: string): Promise<unknown> {
    await this.#settle();
    const c = this.#col(column, `${fn}()`);
    const ctx = this.context();
    const bare = c.slice(this.#qualifier.length + 1);
    const type = this.meta.columns.get(bare)?.type ?? "";
    const numeric = NUMERIC_TYPES.has(type);
    const value = await aggregate(fn, this.base(ctx), c, ctx, numeric);
    if (value === null || numeric || fn === "sum" || fn === "avg") return value;
    const cast = this.meta.readCasts.find(([name]) => name === bare)?.[1];
    return cast ? cast(value) : value;
  }

  /** The `column` value of the first matching row (cast like the attribute), or null. */
  async value<K extends Column<S>>(column: K): Promise<unknown> {
    const [first] = await this.clone().limit(1).pluck(column);
    return first ?? null;
  }

  /** The only matching model: ModelNotFoundError when none, MultipleRecordsFoundError when several. */
  async sole(): Promise<M> {
    const rows = await this.clone().limit(2).get();
    if (!rows.length) {
      throw new ModelNotFoundError(
        this.meta.name,
        undefined,
        `No ${this.meta.name} matched ${this.describe()}; sole() expects exactly one.`,
      );
    }
    if (rows.length > 1) throw new MultipleRecordsFoundError(this.meta.name, this.describe());
    return rows[0]!;
  }

  /** Atomic `column = column + amount` on the matching rows (plus `extra` columns and updated_at). Returns the row count. */
  increment(column: Column<S>, amount = 1, extra: Partial<Record<Column<S>, unknown>> = {}): Promise<number> {
    return this.#counter("increment", column, amount, extra);
  }
  decrement(column: Column<S>, amount = 1, extra: Partial<Record<Column<S>, unknown>> = {}): Promise<number> {
    return this.#counter("decrement", column, amount, extra);
  }

  async #counter(what: "increment" | "decrement", column: string, amount: unknown, extra: Record<string, unknown>): Promise<number> {
    await this.#settle();
    const c = this.#col(column, `${what}()`);
    if (typeof amount !== "number" || !Number.isFinite(amount)) {
      throw new QueryError(`${this.meta.name}.${what}('${column}', ${String(amount)}): the amount must be a finite number.`);
    }
    const ctx = this.context("write");
    const bare = c.slice(this.#qualifier.length + 1);
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(extra ?? {})) {
      const e = this.#col(k, `${what}(extra)`);
      set[e.slice(this.#qualifier.length + 1)] = this.#value(e, v, ctx, `${what}()`);
    }
    set[bare] = ctx.runner.raw(what === "increment" ? "?? + ?" : "?? - ?", [bare, amount]);
    if (this.meta.timestamps && !("updated_at" in set)) set.updated_at = toDatabase(ctx.dialect, undefined, new Date(), `${what}()`);
    return Number(await this.base(ctx).update(set));
  }

  chunk(size: number, callback: ChunkCallback<M>): Promise<boolean> {
    return streaming.chunk(this, size, callback);
  }
  chunkById(size: number, callback: ChunkCallback<M>): Promise<boolean> {
    return streaming.chunkById(this, size, callback);
  }
  each(callback: (model: M, index: number) => unknown, size = 1000): Promise<boolean> {
    return streaming.each(this, callback, size);
  }
  /** `for await (const m of q.lazy())`: one page of `size` in memory at a time. */
  lazy(size = 1000): AsyncGenerator<M, void, undefined> {
    return streaming.lazy(this, size);
  }
  lazyById(size = 1000): AsyncGenerator<M, void, undefined> {
    return streaming.lazyById(this, size);
  }
  /** `for await (const m of q.cursor())`: pages by primary key, bounded memory. */
  cursor(): AsyncGenerator<M, void, undefined> {
    return streaming.lazyById(this, 1000);
  }

  // ---- grouping, raw SQL with bindings, distinct, random order, locks (query-extras.ts) ---------------
  #extras: QueryExtras | undefined;
  #more(): QueryExtras {
    return (this.#extras ??= emptyExtras());
  }

  distinct(): this {
    this.#more().distinct = true;
    return this;
  }
  groupBy(...columns: Column<S>[]): this {
    for (const c of columns) this.#more().groups.push(this.#col(c, "groupBy()"));
    return this;
  }
  /** HAVING on a declared column (aggregates: `havingRaw("sum(price) > ?", [100])`, portable to PostgreSQL). */
  having(column: Column<S>, operator: string, value: unknown): this {
    const op = OPERATORS.get(String(operator).toLowerCase());
    if (op === undefined || op === "ilike")
      throw new QueryError(
        `${this.meta.name}.having('${String(column)}', '${String(operator)}', ...): unknown operator. Use one of =, !=, <, <=, >, >=, like.`,
      );
    const c = this.#col(column, "having()");
    this.#more().havings.push((qb, ctx) => void qb.having(c, op, this.#value(c, value, ctx, "having()") as Knex.Value));
    return this;
  }
  havingRaw(sql: string, bindings: readonly unknown[] = []): this {
    const b = checkedBindings(this.meta.name, "havingRaw", sql, bindings, (m) => new QueryError(m));
    this.#more().havings.push((qb) => void qb.havingRaw(sql, b));
    return this;
  }
  /** Adds a raw select expression (`"count(*) as n"`); values go in `bindings`, never into the string. */
  selectRaw(sql: string, bindings: readonly unknown[] = []): this {
    this.#more().selects.push([sql, checkedBindings(this.meta.name, "selectRaw", sql, bindings, (m) => new QueryError(m))]);
    return this;
  }
  whereRaw(sql: string, bindings: readonly unknown[] = []): this {
    const b = checkedBindings(this.meta.name, "whereRaw", sql, bindings, (m) => new QueryError(m));
    this.#wheres.push((qb) => void qb.whereRaw(sql, b));
    return this;
  }
  orWhereRaw(sql: string, bindings: readonly unknown[] = []): this {
    const b = checkedBindings(this.meta.name, "orWhereRaw", sql, bindings, (m) => new QueryError(m));
    this.#hasOr = true;
    this.#wheres.push((qb) => void qb.orWhereRaw(sql, b));
    return this;
  }
  orderByRaw(sql: string, bindings: readonly unknown[] = []): this {
    this.#more().orders.push([sql, checkedBindings(this.meta.name, "orderByRaw", sql, bindings, (m) => new QueryError(m))]);
    return this;
  }
  inRandomOrder(): this {
    this.#more().orders.push(["random", []]);
    return this;
  }
  /** `a op b` between two declared columns. */
  whereColumn(first: Column<S>, operatorOrSecond: string, second?: Column<S>): this {
    const op = second === undefined ? "=" : OPERATORS.get(String(operatorOrSecond).toLowerCase());
    if (op === undefined || op === "ilike" || op === "like" || op === "not like") {
      throw new QueryError(
        `${this.meta.name}.whereColumn('${String(first)}', '${operatorOrSecond}', ...): use a comparison operator (=, !=, <, <=, >, >=).`,
      );
    }
    const a = this.#col(first, "whereColumn()");
    const b = this.#col(second ?? operatorOrSecond, "whereColumn()");
    this.#wheres.push((qb) => void qb.whereRaw(`?? ${op} ??`, [a, b]));
    return this;
  }
  /** SELECT … FOR UPDATE inside a transaction (no-op on SQLite, which locks the whole database). */
  lockForUpdate(): this {
    this.#more().lock = "update";
    return this;
  }
  /** SELECT … FOR SHARE / LOCK IN SHARE MODE inside a transaction (no-op on SQLite). */
  sharedLock(): this {
    this.#more().lock = "share";
    return this;
  }

  // ---- JSON paths (json-path.ts): where("meta->address->city", "Lisbon") -----------------------------

  #whereJson(bool: "and" | "or", name: string, args: unknown[]): this {
    const method = bool === "and" ? "where" : "orWhere";
    const path = parseJsonPath(name)!;
    const c = this.#col(path.column, `${method}('${name}')`);
    if (this.#descriptor(c)?.type !== "json") {
      throw new QueryError(
        `${this.meta.name}.${method}('${name}', ...): '${path.column}' is not a json column; the -> path syntax reads inside json columns only.`,
      );
    }
    const bad = badSegment(path);
    if (bad !== undefined || !path.segments.length) {
      throw new QueryError(
        `${this.meta.name}.${method}('${name}', ...): path segment '${bad ?? ""}' is not a plain key or index (letters, digits, _).`,
      );
    }
    const op = args.length === 3 ? OPERATORS.get(String(args[1]).toLowerCase()) : "=";
    if (op === undefined || op === "ilike")
      throw new QueryError(`${this.meta.name}.${method}('${name}', '${String(args[1])}', ...): unknown operator.`);
    const value = args.length === 3 ? args[2] : args[1];
    if (value !== null && value !== undefined && typeof value === "object") {
      throw new QueryError(
        `${this.meta.name}.${method}('${name}', ...): compare a JSON path with a string, number or boolean (got ${Array.isArray(value) ? "an array" : "an object"}).`,
      );
    }
    const raw = bool === "and" ? "whereRaw" : "orWhereRaw";
    this.#wheres.push((qb, ctx) => {
      const expr = jsonExtractSql(ctx.dialect);
      const at = jsonPathBinding(ctx.dialect, path);
      if (value === null || value === undefined) {
        if (op !== "=" && op !== "<>")
          throw new QueryError(`${this.meta.name}.${method}('${name}', '${op}', null): null only compares with = or !=.`);
        qb[raw](`${expr} IS ${op === "=" ? "" : "NOT "}NULL`, [c, at]);
      } else qb[raw](`${expr} ${op} ?`, [c, at, jsonScalar(ctx.dialect, value) as Knex.Value]);
    });
    return this;
  }

  // ---- date parts (date-parts.ts): compared in UTC on every dialect ---------------------------------

  whereDate(column: Column<S>, operatorOrValue: unknown, value?: unknown): this {
    return this.#datePart("whereDate", "date", column, operatorOrValue, value, arguments.length);
  }
  orWhereDate(column: Column<S>, operatorOrValue: unknown, value?: unknown): this {
    this.#hasOr = true;
    return this.#datePart("orWhereDate", "date", column, operatorOrValue, value, arguments.length);
  }
  whereYear(column: Column<S>, operatorOrValue: unknown, value?: unknown): this {
    return this.#datePart("whereYear", "year", column, operatorOrValue, value, arguments.length);
  }
  whereMonth(column: Column<S>, operatorOrValue: unknown, value?: unknown): this {
    return this.#datePart("whereMonth", "month", column, operatorOrValue, value, arguments.length);
  }
  whereDay(column: Column<S>, operatorOrValue: unknown, value?: unknown): this {
    return this.#datePart("whereDay", "day", column, operatorOrValue, value, arguments.length);
  }

  #datePart(method: string, part: DatePart, column: string, operatorOrValue: unknown, value: unknown, argc: number): this {
    const c = this.#col(column, `${method}()`);
    const op = argc >= 3 ? OPERATORS.get(String(operatorOrValue).toLowerCase()) : "=";
    if (op === undefined || op.includes("like")) {
      throw new QueryError(
        `${this.meta.name}.${method}('${column}', '${String(operatorOrValue)}', ...): use a comparison operator (=, !=, <, <=, >, >=).`,
      );
    }
    const raw = argc >= 3 ? value : operatorOrValue;
    const bound = datePartValue(part, raw);
    if (bound === undefined) {
      throw new QueryError(
        `${this.meta.name}.${method}('${column}', ...): expected ${part === "date" ? 'a Date or a "YYYY-MM-DD" string' : "an integer"}, got ${JSON.stringify(raw) ?? String(raw)}.`,
      );
    }
    const descriptor = this.#descriptor(c);
    const or = method.startsWith("or");
    this.#wheres.push(
      (qb, ctx) => void qb[or ? "orWhereRaw" : "whereRaw"](`${datePartSql(ctx.dialect, part, descriptor)} ${op} ?`, [c, bound]),
    );
    return this;
  }

  // ---- pagination without a total (Laravel's simplePaginate / cursorPaginate) -------------------------

  /** One page plus whether another follows (one query: perPage + 1 rows; no COUNT). */
  async simplePaginate(perPage: number = 15, page: number | string = 1): Promise<SimplePage<M>> {
    const size = this.nonNegative(perPage, "simplePaginate(perPage)") || 15;
    const p = this.nonNegative(typeof page === "string" && /^\s*\d+\s*$/.test(page) ? Number(page) : page, "simplePaginate(page)") || 1;
    const rows = await this.clone()
      .limit(size + 1)
      .offset((p - 1) * size)
      .get();
    return { data: rows.slice(0, size), perPage: size, currentPage: p, hasMorePages: rows.length > size };
  }

  /**
   * Keyset pagination: the page after `cursor` in the query's order (the primary key breaks ties and
   * is the order when there is none). `nextCursor` is an opaque string for the next call, null on the
   * last page. Order columns must not hold nulls.
   */
  async cursorPaginate(perPage: number = 15, cursor?: string | null): Promise<CursorPage<M>> {
    const size = this.nonNegative(perPage, "cursorPaginate(perPage)") || 15;
    const pk = `${this.#qualifier}.${this.meta.primaryKey}`;
    const orders = this.#orders.some(([c]) => c === pk) ? this.#orders.slice() : [...this.#orders, [pk, "asc"] as const];
    const q = this.clone().withoutOrder();
    for (const [c, d] of orders) q.#orders.push([c, d]);
    if (cursor !== undefined && cursor !== null) {
      const values = this.#decodeCursor(cursor, orders.length);
      q.#keyWheres.push((qb, ctx) => {
        qb.where(function (this: Knex.QueryBuilder) {
          orders.forEach(([,], i) => {
            this.orWhere(function (this: Knex.QueryBuilder) {
              for (let j = 0; j < i; j++)
                this.where(orders[j]![0], q.#value(orders[j]![0], values[j], ctx, "cursorPaginate()") as Knex.Value);
              const [c, d] = orders[i]!;
              this.where(c, d === "asc" ? ">" : "<", q.#value(c, values[i], ctx, "cursorPaginate()") as Knex.Value);
            });
          });
        });
      });
    }
    const rows = await q.limit(size + 1).get();
    const data = rows.slice(0, size);
    // M is the result model type (unconstrained, see the class comment); every row is a model
    const last = data[data.length - 1] as SqlModelBase | undefined;
    const nextCursor = rows.length > size && last ? encodeCursor(orders.map(([c]) => last.get(c.slice(this.#qualifier.length + 1)))) : null;
    return { data, perPage: size, nextCursor };
  }

  #decodeCursor(cursor: unknown, length: number): unknown[] {
    let values: unknown;
    try {
      values = typeof cursor === "string" ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : undefined;
    } catch {
      values = undefined;
    }
    if (!Array.isArray(values) || values.length !== length) {
      throw new QueryError(
        `${this.meta.name}.cursorPaginate(): invalid cursor ${JSON.stringify(cursor)}; pass the nextCursor of the previous page of the same query (or nothing for the first page).`,
      );
    }
    return values.map((v) =>
      v !== null && typeof v === "object" && typeof (v as { d?: unknown }).d === "string" ? new Date((v as { d: string }).d) : v,
    );
  }

  /** count() of a DISTINCT or GROUP BY query: the rows (groups) it returns, counted around it. */
  async #countOfRows(): Promise<number> {
    await this.#settle();
    const ctx = this.context();
    const inner = this.clone().withoutOrder();
    inner.limitCount = undefined;
    inner.offsetCount = undefined;
    const rows = await ctx.runner.count({ count: "*" }).from(inner.toKnex().as("counted"));
    return Number((rows[0] as { count: unknown }).count);
  }

  // ---- joins (joins.ts): columns of the joined model are checked, qualified with its table ------------

  /** INNER JOIN another model's table on `first op second` (qualified names: `"posts.user_id"`). */
  join<T extends ModelClass<any>>(target: T | string, first: string, operator: string, second: string): SqlQuery<M, S & JoinedSchema<T>> {
    return this.#join("inner", target, first, operator, second) as unknown as SqlQuery<M, S & JoinedSchema<T>>;
  }
  leftJoin<T extends ModelClass<any>>(
    target: T | string,
    first: string,
    operator: string,
    second: string,
  ): SqlQuery<M, S & JoinedSchema<T>> {
    return this.#join("left", target, first, operator, second) as unknown as SqlQuery<M, S & JoinedSchema<T>>;
  }

  #join(kind: "inner" | "left", target: unknown, first: string, operator: string, second: string): this {
    const method = kind === "inner" ? "join" : "leftJoin";
    const joined = joinTarget(this.meta, target, method, (m) => new QueryError(m));
    if (joined.table === this.#qualifier || this.#extras?.joins.some((j) => j.meta.table === joined.table)) {
      throw new QueryError(
        `${this.meta.name}.${method}(): ${joined.table} is already in the query; joining a table twice needs aliases, which join() does not support.`,
      );
    }
    const op = OPERATORS.get(String(operator).toLowerCase());
    if (op === undefined || op.includes("like"))
      throw new QueryError(`${this.meta.name}.${method}(..., '${operator}', ...): use a comparison operator (=, !=, <, <=, >, >=).`);
    const spec = { kind, meta: joined, first: "", op, second: "" };
    this.#more().joins.push(spec);
    try {
      spec.first = this.#col(first, `${method}()`);
      spec.second = this.#col(second, `${method}()`);
    } catch (error) {
      this.#extras!.joins.pop();
      throw error;
    }
    return this;
  }

  // ---- scopes (model/scopes.ts) ----------------------------------------------------------------------

  /**
   * Internal (local scopes): runs `fn` on this query and groups the where clauses it added; OR-ed
   * clauses already present are grouped first, so `where(a).orWhere(b).scope()` is `(a or b) and (scope)`.
   */
  applyScope(fn: (q: this) => unknown): this {
    if (this.#hasOr && this.#wheres.length) {
      const before = this.#wheres;
      this.#wheres = [
        (qb, ctx) =>
          void qb.where(function (this: Knex.QueryBuilder) {
            for (const op of before) op(this, ctx);
          }),
      ];
    }
    this.#hasOr = false;
    const start = this.#wheres.length;
    fn(this);
    const added = this.#wheres.splice(start);
    if (added.length)
      this.#wheres.push(
        (qb, ctx) =>
          void qb.where(function (this: Knex.QueryBuilder) {
            for (const op of added) op(this, ctx);
          }),
      );
    this.#hasOr = false;
    return this;
  }

  /** This query without the named global scope. */
  withoutGlobalScope(name: string): this {
    return this.withoutGlobalScopes([name]);
  }
  /** Without the named global scopes (all of them when no names are given). */
  withoutGlobalScopes(names?: readonly string[]): this {
    const extras = this.#more();
    if (names === undefined) {
      extras.withoutGlobal = true;
      this.removeSoftDeleteScope();
      return this;
    }
    const checked = checkGlobalScopeNames(this.model, names, this.meta.softDeletes);
    if (this.meta.softDeletes && checked.includes(SOFT_DELETES_SCOPE)) this.removeSoftDeleteScope();
    if (extras.withoutGlobal !== true) extras.withoutGlobal = new Set([...(extras.withoutGlobal ?? []), ...checked]);
    return this;
  }
  /** Without every global scope except the named ones ("softDeletes" included). */
  withoutGlobalScopesExcept(names: readonly string[]): this {
    const keep = new Set(checkGlobalScopeNames(this.model, names, this.meta.softDeletes));
    const all = activeGlobalScopes(this.model, undefined).map(([n]) => n);
    this.#more().withoutGlobal = new Set(all.filter((n) => !keep.has(n)));
    if (!keep.has(SOFT_DELETES_SCOPE)) this.removeSoftDeleteScope();
    return this;
  }

  #applyGlobalScopes(qb: Knex.QueryBuilder, ctx: QueryContext): void {
    const scopes = activeGlobalScopes(this.model, this.#extras?.withoutGlobal);
    for (const [, scope] of scopes) {
      const group = new SqlQuery<M, S>(this.model, this.#alias());
      scope(group);
      qb.where(function (this: Knex.QueryBuilder) {
        group.applyWheres(this, ctx);
      });
    }
  }
}

declare module "../types/query" {
  // Rebind's way to this builder over another result model (types/query.ts).
  interface QueryBuilders<M, S> {
    sql: SqlQuery<M, S>;
  }
}
