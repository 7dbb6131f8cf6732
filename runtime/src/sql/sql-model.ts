/**
 * `SqlModel<Attrs>`: a model stored in an SQL table through knex.
 *
 *   class User extends SqlModel<{ id?: number; name?: string }> { static schema = { ... } }
 *   const user = await User.create({ name: "Ada" });   user.name  // typed string | undefined
 */
import { assertEnumValue } from "../model/column-values";
import type { Knex } from "knex";
import { reloadRelations } from "../relations/load-missing";
import { didYouMean, EloquentError, ModelNotFoundError } from "../model/errors";
import { Model } from "../model/model";
import { modelMeta, type ModelMeta } from "../model/meta";
import { modelsForInsert, stampCreate } from "../model/timestamps";
import type { DeclaredStatics, ModelClass, SchemaShape } from "../model/types";
import type { QueryConstraint } from "../relations/adapter";
import { sqlAdapter } from "./sql-adapter";
import { chunkSize, getConnection, type Dialect } from "./sql-connections";
import { SqlQuery, type Column, type WithPath } from "./sql-query";
import { runnerFor } from "./transaction";
import { runStatement } from "./driver-errors";
import { toDatabase } from "./sql-values";
import { upsert } from "./upsert";
import type { JsonPathOf } from "./json-path";
import type { ChunkCallback } from "./streaming";
import { fireEvent } from "../model/events";
import { installLifecycle } from "../model/lifecycle";
import type { GlobalScopeName, Scoped } from "../model/scopes";

/** A concrete SqlModel subclass. */
export type SqlModelClass<M extends SqlModelBase = SqlModelBase> = ModelClass<M>;

type SchemaOf<C> = C extends { schema: infer S } ? S : SchemaShape;
type Attrs<M> = M extends SqlModelBase<infer A> ? A : Record<string, unknown>;
type QueryOf<C extends SqlModelClass<any>> = Scoped<C, SqlQuery<InstanceType<C>, SchemaOf<C>>>;

function executor(meta: ModelMeta): { dialect: Dialect; runner: Knex | Knex.Transaction } {
  const conn = getConnection(meta.connection);
  return { dialect: conn.dialect, runner: runnerFor(conn.name) };
}

/** Schema-column values of a model, converted for the dialect; unknown attributes are an error. */
function rowFor(meta: ModelMeta, dialect: Dialect, attributes: Record<string, unknown>, where: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const column = meta.columns.get(key);
    if (!column) {
      throw new EloquentError(
        `${meta.name}.${where}: '${key}' is not a column of ${meta.table}.` +
          didYouMean(key, meta.columns.keys()) +
          ` Declare it in ${meta.name}'s static schema, or remove it before saving.`,
      );
    }
    if (value === undefined) continue;
    assertEnumValue(column, key, value, `${meta.name}.${where}`);
    row[key] = toDatabase(dialect, column, value, () => `${meta.name}.${where}`);
  }
  return row;
}

/** Inserts rows and returns the generated primary keys (one statement per chunk). */
async function insertRows(meta: ModelMeta, rows: Record<string, unknown>[], operation: string): Promise<unknown[]> {
  const { dialect, runner } = executor(meta);
  const pk = meta.primaryKey;
  const perRow = Math.max(1, ...rows.map((r) => Object.keys(r).length));
  // knex writes SQLite multi-row inserts as UNION ALL selects: at most 500 terms per statement.
  const size = Math.max(1, Math.min(dialect === "sqlite" ? 500 : Infinity, Math.floor(chunkSize(getConnection(meta.connection)) / perRow)));
  const ids: unknown[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    if (dialect === "mysql") {
      // MySQL returns the first generated id; a multi-row insert gets consecutive ids
      // (innodb_autoinc_lock_mode 0/1, MariaDB's default; see docs).
      const [first] = (await runStatement(meta, operation, runner(meta.table).insert(part))) as number[];
      const cast = meta.readCasts.find(([c]) => c === pk)?.[1];
      part.forEach((r, j) =>
        ids.push(r[pk] ?? (typeof first === "number" && first > 0 ? (cast ? cast(first + j) : first + j) : undefined)),
      );
    } else {
      const insert = runner(meta.table).insert(part, [pk]);
      if (dialect === "sqlite" && meta.safeIntegers) insert.options({ safeIntegers: true });
      const returned = (await runStatement(meta, operation, insert)) as Array<Record<string, unknown>>;
      const cast = meta.readCasts.find(([c]) => c === pk)?.[1];
      part.forEach((r, j) => ids.push(r[pk] ?? (cast ? cast(returned[j]?.[pk]) : returned[j]?.[pk])));
    }
  }
  return ids;
}

/**
 * Consecutive models that define the same attributes (undefined values do not count): one INSERT
 * each, so rows keep their order (and their generated ids ascend in input order).
 */
function groupByColumnSet<M extends Model>(models: readonly M[]): M[][] {
  const groups: M[][] = [];
  let last: string | undefined;
  for (const m of models) {
    const attrs = m.getAttributes() as Record<string, unknown>;
    const signature = Object.keys(attrs)
      .filter((k) => attrs[k] !== undefined)
      .sort()
      .join("\0");
    if (signature === last) groups[groups.length - 1]!.push(m);
    else groups.push([m]);
    last = signature;
  }
  return groups;
}

export class SqlModelBase<A extends object = any> extends Model<A> {
  static override readonly store = "sql" as const;
  static readonly adapter = sqlAdapter;

  // ---- static queries -------------------------------------------------------------------------------

  static query<C extends SqlModelClass<any>>(this: C): QueryOf<C> {
    return new SqlQuery(this) as QueryOf<C>;
  }

  static where<C extends SqlModelClass<any>>(this: C, group: (q: QueryOf<C>) => unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, values: Partial<Record<Column<SchemaOf<C>>, unknown>>): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, value: unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, operator: string, value: unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, path: JsonPathOf<SchemaOf<C>>, value: unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, path: JsonPathOf<SchemaOf<C>>, operator: string, value: unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, ...args: unknown[]): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.where as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }

  static whereIn<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, values: readonly unknown[]): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereIn(column, values);
  }

  static with<C extends SqlModelClass<any>>(this: C, ...specs: Parameters<QueryOf<C>["with"]>): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).with(...specs);
  }

  static withCount<C extends SqlModelClass<any>>(this: C, ...specs: Parameters<QueryOf<C>["withCount"]>): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).withCount(...specs);
  }

  static whereHasMorph<C extends SqlModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    types: string | readonly string[],
    constraint?: (query: any, type: string) => unknown,
  ): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereHasMorph(relation, types, constraint);
  }
  static whereDoesntHaveMorph<C extends SqlModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    types: string | readonly string[],
    constraint?: (query: any, type: string) => unknown,
  ): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereDoesntHaveMorph(relation, types, constraint);
  }
  static whereHas<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereHas(relation, constraint);
  }

  static orWhereHas<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).orWhereHas(relation, constraint);
  }

  static whereDoesntHave<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereDoesntHave(relation, constraint);
  }

  /** `Post.has("comments", ">=", 3)`: rows by their number of related rows. */
  static has<C extends SqlModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    operator?: string,
    count?: number,
    constraint?: QueryConstraint,
  ): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).has(relation, operator, count, constraint);
  }

  static doesntHave<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).doesntHave(relation, constraint);
  }

  /** `User.whereRelation("posts", "published", true)`: whereHas with one where on the related rows. */
  static whereRelation<C extends SqlModelClass<any>>(this: C, ...args: Parameters<QueryOf<C>["whereRelation"]>): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.whereRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }

  // Laravel's shorthand existence forms (relations/existence-forms.ts), as statics.
  static orWhereRelation<C extends SqlModelClass<any>>(this: C, ...args: Parameters<QueryOf<C>["orWhereRelation"]>): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.orWhereRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereDoesntHaveRelation<C extends SqlModelClass<any>>(
    this: C,
    ...args: Parameters<QueryOf<C>["whereDoesntHaveRelation"]>
  ): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.whereDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static orWhereDoesntHaveRelation<C extends SqlModelClass<any>>(
    this: C,
    ...args: Parameters<QueryOf<C>["orWhereDoesntHaveRelation"]>
  ): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.orWhereDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereMorphRelation<C extends SqlModelClass<any>>(this: C, ...args: Parameters<QueryOf<C>["whereMorphRelation"]>): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.whereMorphRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereMorphDoesntHaveRelation<C extends SqlModelClass<any>>(
    this: C,
    ...args: Parameters<QueryOf<C>["whereMorphDoesntHaveRelation"]>
  ): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.whereMorphDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static hasMorph<C extends SqlModelClass<any>>(this: C, ...args: Parameters<QueryOf<C>["hasMorph"]>): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.hasMorph as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static doesntHaveMorph<C extends SqlModelClass<any>>(this: C, ...args: Parameters<QueryOf<C>["doesntHaveMorph"]>): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.doesntHaveMorph as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereAttachedTo<C extends SqlModelClass<any>>(this: C, ...args: Parameters<QueryOf<C>["whereAttachedTo"]>): QueryOf<C> {
    const q = new SqlQuery(this) as QueryOf<C>;
    return (q.whereAttachedTo as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }

  static orderBy<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, direction: "asc" | "desc" = "asc"): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).orderBy(column, direction);
  }

  // ---- static writes --------------------------------------------------------------------------------

  /** Inserts many rows in one statement per chunk (below the dialect's parameter limit). */
  static async createMany<C extends SqlModelClass<any>>(
    this: C,
    rows: ReadonlyArray<Partial<Attrs<InstanceType<C>>>>,
  ): Promise<InstanceType<C>[]> {
    const meta = modelMeta(this);
    if (!rows.length) return [];
    const { dialect } = executor(meta);
    const models = modelsForInsert(this as unknown as new () => InstanceType<C>, meta, rows);
    // One multi-row INSERT per distinct column set: padding a row that omits a column with NULL
    // would store NULL instead of the column's default.
    for (const group of groupByColumnSet(models)) {
      const dbRows = group.map((m) => rowFor(meta, dialect, m.getAttributes() as Record<string, unknown>, "createMany()"));
      const ids = await insertRows(meta, dbRows, "createMany()");
      group.forEach((m, i) => {
        if (m.get(meta.primaryKey) == null && ids[i] != null) m.set(meta.primaryKey, ids[i]);
        m.syncOriginal(true);
      });
    }
    return models;
  }

  // ---- instance writes ------------------------------------------------------------------------------

  /** INSERT when new; otherwise UPDATE of the changed columns only (nothing when nothing changed). */
  async save(): Promise<this> {
    const meta = modelMeta(this.constructor as SqlModelClass);
    const { dialect, runner } = executor(meta);
    const now = new Date();
    if (!this.isPersisted()) {
      stampCreate(meta, this, now);
      const row = rowFor(meta, dialect, this.getAttributes() as Record<string, unknown>, "save()");
      const [id] = await insertRows(meta, [row], "save()");
      if (this.get(meta.primaryKey) == null && id != null) this.set(meta.primaryKey, id);
      this.syncOriginal(true);
      return this;
    }
    const dirty = this.getDirty() as Record<string, unknown>;
    if (!Object.keys(dirty).length) return this;
    if (meta.timestamps && !("updated_at" in dirty)) {
      this.set("updated_at", now);
      dirty.updated_at = now;
    }
    const row = rowFor(meta, dialect, dirty, "save()");
    await runStatement(meta, "save()", runner(meta.table).where(meta.primaryKey, this.#key(meta)).update(row));
    this.syncOriginal(true);
    return this;
  }

  #key(meta: ModelMeta): Knex.Value {
    const original = this.getOriginal() as Record<string, unknown>;
    const key = original[meta.primaryKey] ?? this.get(meta.primaryKey);
    if (key === null || key === undefined) {
      throw new EloquentError(`${meta.name}: this model has no ${meta.primaryKey}; save() it before updating or deleting it.`);
    }
    return key as Knex.Value;
  }

  /** Deletes the row even when the model has softDeletes. */
  async forceDelete(): Promise<void> {
    const meta = modelMeta(this.constructor as SqlModelClass);
    const { runner } = executor(meta);
    await runStatement(meta, "forceDelete()", runner(meta.table).where(meta.primaryKey, this.#key(meta)).del());
    this.syncOriginal(false);
  }

  /** Re-reads the attributes from the database and reloads the relations that were loaded (as Laravel does). */
  async refresh(): Promise<this> {
    const meta = modelMeta(this.constructor as SqlModelClass);
    const { runner } = executor(meta);
    const key = this.#key(meta);
    const read = runner(meta.table).where(meta.primaryKey, key).limit(1, { skipBinding: true }); // see SqlQuery.applyShape
    if (getConnection(meta.connection).dialect === "sqlite" && meta.safeIntegers) read.options({ safeIntegers: true });
    const [row] = (await runStatement(meta, "refresh()", read)) as Array<Record<string, unknown> | undefined>;
    if (!row) throw new ModelNotFoundError(meta.name, key);
    this.setRawAttributes(row, true);
    await reloadRelations(this);
    return this;
  }

  // ---- everyday API (Laravel's names; logic in upsert.ts, query.ts, streaming.ts) -------------------

  /**
   * Inserts rows, updating those that collide on `uniqueBy` (one statement per chunk). Without
   * `update`, every written column not in `uniqueBy` is updated. Returns the number of rows written.
   */
  static upsert<C extends SqlModelClass<any>>(
    this: C,
    rows: ReadonlyArray<Partial<Attrs<InstanceType<C>>>>,
    uniqueBy: Column<SchemaOf<C>> | readonly Column<SchemaOf<C>>[],
    update?: readonly Column<SchemaOf<C>>[],
  ): Promise<number> {
    return upsert(this, rows as ReadonlyArray<Record<string, unknown>>, uniqueBy as string | string[], update as string[] | undefined);
  }

  /** A query without the named global scope (`Model.withoutGlobalScopes()` for none of them). */
  static withoutGlobalScope<C extends SqlModelClass<any>>(this: C, name: GlobalScopeName<C>): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).withoutGlobalScope(name);
  }
  static withoutGlobalScopes<C extends SqlModelClass<any>>(this: C, names?: readonly GlobalScopeName<C>[]): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).withoutGlobalScopes(names);
  }
  static withoutGlobalScopesExcept<C extends SqlModelClass<any>>(this: C, names: readonly GlobalScopeName<C>[]): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).withoutGlobalScopesExcept(names);
  }

  static sum<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<number> {
    return (new SqlQuery(this) as QueryOf<C>).sum(column);
  }
  static avg<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<number | null> {
    return (new SqlQuery(this) as QueryOf<C>).avg(column);
  }
  static min<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<unknown> {
    return (new SqlQuery(this) as QueryOf<C>).min(column);
  }
  static max<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<unknown> {
    return (new SqlQuery(this) as QueryOf<C>).max(column);
  }
  static orderByDesc<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).orderByDesc(column);
  }
  static whereBetween<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, range: readonly [unknown, unknown]): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereBetween(column, range);
  }
  static whereNull<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereNull(column);
  }
  static whereNotNull<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).whereNotNull(column);
  }
  static when<C extends SqlModelClass<any>, V>(
    this: C,
    value: V,
    callback: (q: QueryOf<C>, value: V) => unknown,
    otherwise?: (q: QueryOf<C>, value: V) => unknown,
  ): QueryOf<C> {
    return (new SqlQuery(this) as QueryOf<C>).when(value, callback, otherwise);
  }
  static chunk<C extends SqlModelClass<any>>(this: C, size: number, callback: ChunkCallback<InstanceType<C>>): Promise<boolean> {
    return (new SqlQuery(this) as QueryOf<C>).chunk(size, callback);
  }
  static chunkById<C extends SqlModelClass<any>>(this: C, size: number, callback: ChunkCallback<InstanceType<C>>): Promise<boolean> {
    return (new SqlQuery(this) as QueryOf<C>).chunkById(size, callback);
  }
  static each<C extends SqlModelClass<any>>(
    this: C,
    callback: (model: InstanceType<C>, index: number) => unknown,
    size = 1000,
  ): Promise<boolean> {
    return (new SqlQuery(this) as QueryOf<C>).each(callback, size);
  }
  static lazy<C extends SqlModelClass<any>>(this: C, size = 1000): AsyncGenerator<InstanceType<C>, void, undefined> {
    return (new SqlQuery(this) as QueryOf<C>).lazy(size);
  }
  static cursor<C extends SqlModelClass<any>>(this: C): AsyncGenerator<InstanceType<C>, void, undefined> {
    return (new SqlQuery(this) as QueryOf<C>).cursor();
  }

  /**
   * Atomic `column = column + amount` on this row (plus `extra` columns), then the model holds the
   * new values. Fires updating/updated (an "updating" listener returning false cancels).
   */
  increment(column: keyof A & string, amount = 1, extra: Partial<A> = {}): Promise<this> {
    return this.#counter(column, amount, extra, 1);
  }
  decrement(column: keyof A & string, amount = 1, extra: Partial<A> = {}): Promise<this> {
    return this.#counter(column, amount, extra, -1);
  }

  async #counter(column: string, amount: number, extra: Record<string, unknown>, sign: 1 | -1): Promise<this> {
    const meta = modelMeta(this.constructor as SqlModelClass);
    const key = this.#key(meta);
    if (!(await fireEvent(this, "updating"))) return this;
    const now = new Date();
    const values = meta.timestamps && !("updated_at" in extra) ? { ...extra, updated_at: now } : extra;
    const q = new SqlQuery(this.constructor as SqlModelClass).whereKeyIn(meta.primaryKey, [key]);
    await q[sign > 0 ? "increment" : "decrement"](column, amount, values);
    const clean = !this.isDirty();
    const current = Number(this.get(column) ?? 0);
    for (const [k, v] of [[column, current + sign * amount] as const, ...Object.entries(values)]) {
      if (clean) this.set(k, v);
      else this.setComputed(k, v);
    }
    if (clean) this.syncOriginal(true);
    await fireEvent(this, "updated");
    return this;
  }
}

installLifecycle(SqlModelBase, Model);

/**
 * The exported `SqlModel`: the same class, typed so `class User extends SqlModel<UserAttrs>` gives
 * instances typed attributes (`user.name`).
 */
export interface SqlModelConstructor extends Pick<typeof SqlModelBase, Exclude<keyof typeof SqlModelBase, DeclaredStatics>> {
  new <A extends object = Record<string, unknown>>(tableOrAttributes?: string | Partial<A>, connection?: string): SqlModelBase<A> & A;
  readonly prototype: SqlModelBase;
}

export const SqlModel = SqlModelBase as unknown as SqlModelConstructor;
export type SqlModel<A extends object = Record<string, unknown>> = SqlModelBase<A> & A;
