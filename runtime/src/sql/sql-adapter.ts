/**
 * The store adapter on knex (see relations/adapter.ts): IN lists chunked below the dialect's
 * parameter limit, keys coerced to the key column's type, belongsToMany as one join query.
 */
import type { Knex } from "knex";
import type { ColumnDescriptor, DatabaseMeta } from "eloquent-engine";
import { hydrateAll } from "../model/hydrate";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import { toDate } from "../model/casts";
import type { ModelClass } from "../model/types";
import {
  pivotColumnNames,
  type KeyFetch,
  type PivotMatches,
  type PivotSpec,
  type QueryConstraint,
  type StoreAdapter,
} from "../relations/adapter";
import { chunkSize, getConnection } from "./sql-connections";
import { SqlQuery, type QueryContext } from "./sql-query";
import { transaction, runnerFor } from "./transaction";
import { runStatement } from "./driver-errors";
import { readRows } from "./statement-cache";
import { coerceKeys, toDatabase } from "./sql-values";
import type { SqlModelBase } from "./sql-model";
import { perParentWindow, stripRowNumbers } from "./per-parent-limit";
import { applyPivotConditions } from "./pivot-conditions";

const NUMERIC_TYPES = new Set(["int", "increments", "bigint", "bigIncrements", "float", "double", "decimal", "smallint", "tinyint"]);

function chunks<T>(values: readonly T[], size: number): T[][] {
  if (values.length <= size) return [values.slice()];
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function keyedQuery(request: KeyFetch, keys: readonly unknown[]): SqlQuery {
  const q = new SqlQuery(request.model as ModelClass<SqlModelBase>).whereKeyIn(request.column, keys);
  if (request.equals) for (const [c, v] of Object.entries(request.equals)) q.whereKeyEquals(c, v);
  if (request.ofMany) q.whereOneOfMany(request.column, request.ofMany.column, request.ofMany.aggregate, request.equals);
  if (request.constraint) request.constraint(q);
  return q.limitPerParent(request.column); // a limit in the constraint counts per parent
}

function keysFor(model: ModelClass, column: string, values: readonly unknown[]): unknown[] {
  return coerceKeys(modelMeta(model).columns.get(column), values);
}

function pivotContext(spec: PivotSpec): QueryContext & { size: number } {
  const conn = getConnection(modelMeta(spec.owner).connection);
  return { dialect: conn.dialect, runner: runnerFor(conn.name), size: chunkSize(conn) };
}

/**
 * `from <pivot> join <target>`, filtered by the pivot's owner key: the pivot is read through its
 * owner-key index and each row probes the target by primary key. On SQLite the order is pinned with
 * CROSS JOIN (its documented way to force join order): with statistics (ANALYZE / PRAGMA optimize)
 * and a few thousand keys, its planner otherwise scans the whole target and probes the pivot once
 * per target row and key (22× slower on bench/eager W3). PostgreSQL and MySQL plan this join well.
 * The target's constraints (soft deletes, `with({ tags: q => ... })`) are applied afterwards.
 */
function pivotJoin(
  ctx: QueryContext,
  spec: PivotSpec,
  targetTable: string,
  targetKey: string,
  ownerKeys: readonly unknown[],
): Knex.QueryBuilder {
  const qb = ctx.runner(spec.table);
  const on = [`${targetTable}.${targetKey}`, `${spec.table}.${spec.foreignKey}`] as const;
  if (ctx.dialect === "sqlite") qb.crossJoin(targetTable, on[0], on[1]);
  else qb.innerJoin(targetTable, on[0], on[1]);
  return pivotFilters(qb.whereIn(`${spec.table}.${spec.localKey}`, ownerKeys as Knex.Value[]), spec);
}

/** The relation's own pivot conditions (morphToMany's type column, `wherePivot`, a through model's soft deletes). */
function pivotFilters(qb: Knex.QueryBuilder, spec: PivotSpec): Knex.QueryBuilder {
  for (const [c, v] of Object.entries(spec.where ?? {})) qb.where(`${spec.table}.${c}`, v as Knex.Value);
  for (const c of spec.whereNull ?? []) qb.whereNull(`${spec.table}.${c}`);
  return applyPivotConditions(qb, spec);
}

const PIVOT_PREFIX = "pivot__";

function pivotSelect(spec: PivotSpec): Record<string, string> {
  const select: Record<string, string> = {};
  for (const c of pivotColumnNames(spec)) {
    select[PIVOT_PREFIX + c] = `${spec.table}.${c}`;
  }
  return select;
}

/**
 * Splits joined rows into target attributes and pivot rows. Every row has the same columns, so one
 * splitter is compiled per column list (object literals of one shape are several times faster than
 * keyed copies, and deleting the pivot keys instead would push every row into dictionary mode).
 * Column names are embedded as JSON string literals, never as code.
 */
type Splitter = (
  row: Record<string, unknown>,
  toDate: (v: unknown) => unknown,
  attributes: Record<string, unknown>[],
  pivots: Record<string, unknown>[],
  i: number,
) => void;
const splitters = new Map<string, Splitter>();

function splitterFor(keys: readonly string[]): Splitter {
  const signature = JSON.stringify(keys);
  let split = splitters.get(signature);
  if (!split) {
    const lit = (k: string) => JSON.stringify(k);
    const own = keys.filter((k) => !k.startsWith(PIVOT_PREFIX)).map((k) => `${lit(k)}: row[${lit(k)}]`);
    const piv = keys
      .filter((k) => k.startsWith(PIVOT_PREFIX))
      .map((k) => {
        const name = k.slice(PIVOT_PREFIX.length);
        const read = `row[${lit(k)}]`;
        return `${lit(name)}: ${name === "created_at" || name === "updated_at" ? `toDate(${read})` : read}`;
      });
    // writes into the two result arrays: a [attributes, pivot] pair per row was one more allocation per row
    split = new Function(
      "row",
      "toDate",
      "attributes",
      "pivots",
      "i",
      `attributes[i] = { ${own.join(", ")} }; pivots[i] = { ${piv.join(", ")} };`,
    ) as Splitter;
    splitters.set(signature, split);
  }
  return split;
}

function splitRows(rows: Record<string, unknown>[]): { attributes: Record<string, unknown>[]; pivots: Record<string, unknown>[] } {
  const n = rows.length;
  const attributes = new Array<Record<string, unknown>>(n);
  const pivots = new Array<Record<string, unknown>>(n);
  if (!n) return { attributes, pivots };
  const split = splitterFor(Object.keys(rows[0]!));
  for (let i = 0; i < n; i++) split(rows[i]!, toDate, attributes, pivots, i);
  return { attributes, pivots };
}

function writeRow(ctx: QueryContext, spec: PivotSpec, row: Record<string, unknown>): Record<string, unknown> {
  const columns = pivotColumns(spec);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = toDatabase(ctx.dialect, columns.get(k), v, "pivot");
  return out;
}

/** Rows grouped by the columns they give (in first-seen order), so each insert statement names only those. */
function groupByColumns(rows: readonly Record<string, unknown>[]): Record<string, unknown>[][] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const signature = Object.keys(row)
      .filter((k) => row[k] !== undefined)
      .sort()
      .join("\0");
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  return [...groups.values()];
}

const pivotColumnCache = new WeakMap<PivotSpec, ReadonlyMap<string, ColumnDescriptor>>();

/**
 * Declared types of a pivot's columns, so values are written like model attributes (a number in a
 * string column stays "5", not SQLite's '5.0'): the `using` pivot model's schema, else the owner's
 * `static database.tables` entry, else what
 * migrate() infers (extra columns are strings, the owner key follows the owner's key column).
 */
function pivotColumns(spec: PivotSpec): ReadonlyMap<string, ColumnDescriptor> {
  let columns = pivotColumnCache.get(spec);
  if (!columns) {
    const declared = (spec.owner.database as DatabaseMeta | undefined)?.tables?.[spec.table]?.columns;
    const map = new Map<string, ColumnDescriptor>();
    if (spec.using) for (const [name, col] of modelMeta(spec.using).columns) map.set(name, col);
    else if (declared) for (const [name, col] of Object.entries(declared)) map.set(name, col);
    else {
      const ownerKey = modelMeta(spec.owner).columns.get(modelMeta(spec.owner).primaryKey);
      if (ownerKey) map.set(spec.localKey, ownerKey);
      for (const c of spec.columns) if (!spec.timestamps.includes(c)) map.set(c, INFERRED_PIVOT_COLUMN);
    }
    pivotColumnCache.set(spec, (columns = map));
  }
  return columns;
}

const INFERRED_PIVOT_COLUMN: ColumnDescriptor = { __eloquent: "column", type: "string", length: 255, options: { nullable: true } };

export const sqlAdapter: StoreAdapter = {
  async fetchByKeys(request) {
    const conn = getConnection(modelMeta(request.model).connection);
    const keys = keysFor(request.model, request.column, request.values);
    if (!keys.length) return [];
    // SQLite past its parameter limit: one statement, the keys as one JSON array (json_each, see whereKeyIn)
    // rather than chunks of 32k placeholders: 80k rows for 40k keys read in 120 ms instead of 140 ms.
    if (conn.dialect === "sqlite") return keyedQuery(request, keys).get();
    const parts = chunks(keys, chunkSize(conn));
    if (parts.length === 1) return keyedQuery(request, parts[0]!).get();
    const out: Model[] = [];
    for (const part of parts) for (const m of await keyedQuery(request, part).get()) out.push(m);
    return out;
  },

  async countByKeys(request) {
    const meta = modelMeta(request.model);
    const conn = getConnection(meta.connection);
    const keys = keysFor(request.model, request.column, request.values);
    const column = `${meta.table}.${request.column}`;
    const out: Array<readonly [unknown, number]> = [];
    for (const part of chunks(keys, chunkSize(conn))) {
      const q = keyedQuery(request, part);
      const ctx = q.context();
      const rows = (await runStatement(meta, "withCount()", q.base(ctx).select({ k: column }).count({ n: "*" }).groupBy(column))) as Array<{
        k: unknown;
        n: unknown;
      }>;
      for (const r of rows) out.push([r.k, Number(r.n)]);
    }
    return out;
  },

  async aggregateByKeys(request) {
    const meta = modelMeta(request.model);
    const conn = getConnection(meta.connection);
    const keys = keysFor(request.model, request.column, request.values);
    const column = `${meta.table}.${request.column}`;
    const numeric = NUMERIC_TYPES.has(meta.columns.get(request.aggregated)?.type ?? "");
    const out: Array<readonly [unknown, unknown]> = [];
    for (const part of chunks(keys, chunkSize(conn))) {
      const q = keyedQuery(request, part);
      const ctx = q.context();
      const grouped = q.base(ctx).select({ k: column });
      const qb = grouped[request.fn]({ v: `${meta.table}.${request.aggregated}` }).groupBy(column);
      const rows = (await runStatement(meta, `with${request.fn}()`, qb)) as Array<{ k: unknown; v: unknown }>;
      // drivers return DECIMAL/BIGINT aggregates as strings; numeric columns give numbers (as sum()/avg() do)
      for (const r of rows) out.push([r.k, r.v !== null && (numeric || request.fn === "sum" || request.fn === "avg") ? Number(r.v) : r.v]);
    }
    return out;
  },

  async fetchPivotRows(spec, ownerKeys) {
    const ctx = pivotContext(spec);
    const out: Record<string, unknown>[] = [];
    for (const part of chunks(ownerKeys.slice(), ctx.size)) {
      const rows = (await runStatement(
        modelMeta(spec.owner),
        "pivot read",
        readRows(
          pivotFilters(
            ctx
              .runner(spec.table)
              .select(`${spec.table}.*`)
              .whereIn(`${spec.table}.${spec.localKey}`, part as Knex.Value[]),
            spec,
          ),
        ),
        spec.table,
      )) as Record<string, unknown>[];
      for (const r of rows) out.push(r);
    }
    return out;
  },

  async fetchThroughPivot(spec, target, targetKey, ownerKeys, constraint?: QueryConstraint) {
    const targetMeta = modelMeta(target);
    const ctx = pivotContext(spec);
    const matches: PivotMatches = { models: [], pivots: [] };
    for (const part of chunks(ownerKeys.slice(), ctx.size)) {
      const q = new SqlQuery(target as ModelClass<SqlModelBase>);
      if (constraint) constraint(q);
      // `with("tags:id,name")`: only those target columns, next to the pivot's
      const columns = q.selectedColumns() ?? `${targetMeta.table}.*`;
      let qb = pivotJoin(ctx, spec, targetMeta.table, targetKey, part).select(columns).select(pivotSelect(spec));
      q.applyConstraints(qb, ctx);
      // a limit in the constraint counts per parent (per pivot owner key), see per-parent-limit.ts
      const window = q.perParentWindow();
      if (window) qb = perParentWindow(ctx, qb, `${spec.table}.${spec.localKey}`, window);
      else q.applyShape(qb);
      q.readOptions(qb, ctx);
      const rows = (await runStatement(targetMeta, "belongsToMany load", readRows(qb))) as Record<string, unknown>[];
      const { attributes, pivots } = splitRows(window ? stripRowNumbers(rows) : rows);
      const models = await q.finish(attributes);
      if (ownerKeys.length <= ctx.size) return { models, pivots }; // one chunk: its arrays as they are
      for (let i = 0; i < models.length; i++) {
        matches.models.push(models[i]!);
        matches.pivots.push(pivots[i]!);
      }
    }
    return matches;
  },

  async countThroughPivot(spec, target, targetKey, ownerKeys, constraint?: QueryConstraint) {
    const targetMeta = modelMeta(target);
    const ctx = pivotContext(spec);
    const out: Array<readonly [unknown, number]> = [];
    const k = `${spec.table}.${spec.localKey}`;
    for (const part of chunks(ownerKeys.slice(), ctx.size)) {
      const q = new SqlQuery(target as ModelClass<SqlModelBase>);
      if (constraint) constraint(q);
      const qb = pivotJoin(ctx, spec, targetMeta.table, targetKey, part);
      q.applyConstraints(qb, ctx);
      const rows = (await runStatement(targetMeta, "belongsToMany count", qb.select({ k }).count({ n: "*" }).groupBy(k))) as Array<{
        k: unknown;
        n: unknown;
      }>;
      for (const r of rows) out.push([r.k, Number(r.n)]);
    }
    return out;
  },

  async insertPivotRows(spec, rows) {
    if (!rows.length) return;
    const ctx = pivotContext(spec);
    const limit = ctx.dialect === "sqlite" ? 500 : Infinity; // knex's UNION ALL form on SQLite
    // One statement per set of columns: in a multi-row insert knex writes NULL where a row lacks a column,
    // which would override the column's default (or fail NOT NULL) for rows that left it out.
    for (const group of groupByColumns(rows)) {
      const perRow = Object.keys(group[0]!).length || 1;
      for (const part of chunks(group, Math.max(1, Math.min(limit, Math.floor(ctx.size / perRow))))) {
        await runStatement(
          modelMeta(spec.owner),
          "attach()",
          ctx.runner(spec.table).insert(part.map((r) => writeRow(ctx, spec, r))),
          spec.table,
        );
      }
    }
  },

  async deletePivotRows(spec, ownerKey, relatedKeys) {
    const ctx = pivotContext(spec);
    const meta = modelMeta(spec.owner);
    if (!relatedKeys)
      return Number(
        await runStatement(
          meta,
          "detach()",
          pivotFilters(ctx.runner(spec.table).where(spec.localKey, ownerKey as Knex.Value), spec).del(),
          spec.table,
        ),
      );
    let n = 0;
    for (const part of chunks(relatedKeys.slice(), ctx.size - 1)) {
      n += Number(
        await runStatement(
          meta,
          "detach()",
          pivotFilters(
            ctx
              .runner(spec.table)
              .where(spec.localKey, ownerKey as Knex.Value)
              .whereIn(spec.foreignKey, part as Knex.Value[]),
            spec,
          ).del(),
          spec.table,
        ),
      );
    }
    return n;
  },

  async updatePivotRow(spec, ownerKey, relatedKey, values) {
    const ctx = pivotContext(spec);
    return Number(
      await runStatement(
        modelMeta(spec.owner),
        "updateExistingPivot()",
        pivotFilters(
          ctx
            .runner(spec.table)
            .where(spec.localKey, ownerKey as Knex.Value)
            .where(spec.foreignKey, relatedKey as Knex.Value),
          spec,
        ).update(writeRow(ctx, spec, values)),
        spec.table,
      ),
    );
  },

  atomic(model, work) {
    return transaction(() => work(), { connection: getConnection(modelMeta(model).connection).name });
  },
};

export { hydrateAll };
