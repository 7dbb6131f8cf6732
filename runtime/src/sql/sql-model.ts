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
import type { CreateInput, Drift, ModelOf, OptOutModelBase, QueryModelOf, TypedModel } from "../types/model-of";
import type { AttrsDisagreeWithSchema, SchemaHolder } from "../types/attributes";
import type { ComparisonOperator, CountArg, PatternOperator, Rebind, WhereValueIn, WhereValues, WithArg } from "../types/query";
import type { Counted, Loaded, PathsOf } from "../types/relations";

/** A concrete SqlModel subclass. */
export type SqlModelClass<M extends SqlModelBase = SqlModelBase> = ModelClass<M>;

type SchemaOf<C> = C extends SchemaHolder ? C["schema"] : SchemaShape;
/** The query of a model class: over its schema-typed model (types/model-of.ts), with its local scopes. */
type QueryOf<C extends SqlModelClass<any>> = [Drift<C>] extends [never]
  ? Scoped<C, SqlQuery<TypedModel<C>, SchemaOf<C>> & OptOutModelBase<C, SqlModelBase>>
  : AttrsDisagreeWithSchema<Drift<C>>;
/** The statics build an untyped query and return it as QueryOf<C> (its types are checked at the call). */
type AnySqlQuery = SqlQuery<any, any>;
/** Arguments of a builder method whose parameters depend on the schema only (the shorthand existence forms). */
type QueryArgs<C, K extends keyof SqlQuery<any, any>> = SqlQuery<any, SchemaOf<C>>[K] extends (...args: infer P) => unknown ? P : never;

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
  static where<C extends SqlModelClass<any>>(this: C, values: Partial<WhereValues<SchemaOf<C>>>): QueryOf<C>;
  static where<C extends SqlModelClass<any>, K extends Column<SchemaOf<C>>>(
    this: C,
    column: K,
    value: WhereValueIn<WhereValues<SchemaOf<C>>, K>,
  ): QueryOf<C>;
  static where<C extends SqlModelClass<any>, K extends Column<SchemaOf<C>>>(
    this: C,
    column: K,
    operator: ComparisonOperator,
    value: WhereValueIn<WhereValues<SchemaOf<C>>, K>,
  ): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, operator: PatternOperator, pattern: string): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, path: JsonPathOf<SchemaOf<C>>, value: unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, path: JsonPathOf<SchemaOf<C>>, operator: string, value: unknown): QueryOf<C>;
  static where<C extends SqlModelClass<any>>(this: C, ...args: unknown[]): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.where as (...a: unknown[]) => never).apply(q, args);
  }

  static whereIn<C extends SqlModelClass<any>, K extends Column<SchemaOf<C>>>(
    this: C,
    column: K,
    values: readonly WhereValueIn<WhereValues<SchemaOf<C>>, K>[],
  ): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereIn(column, values) as never;
  }

  static with<C extends SqlModelClass<any>, const A extends readonly WithArg<SchemaOf<C>>[]>(
    this: C,
    ...specs: A
  ): Rebind<QueryOf<C>, QueryModelOf<C> & Loaded<SchemaOf<C>, PathsOf<A[number]>, QueryModelOf<C>>> {
    return (new SqlQuery(this) as AnySqlQuery).with(...(specs as unknown as never[])) as never;
  }

  static withCount<C extends SqlModelClass<any>, const A extends readonly CountArg<SchemaOf<C>>[]>(
    this: C,
    ...specs: A
  ): Rebind<QueryOf<C>, QueryModelOf<C> & Counted<A>> {
    return (new SqlQuery(this) as AnySqlQuery).withCount(...(specs as unknown as never[])) as never;
  }

  static whereHasMorph<C extends SqlModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    types: string | readonly string[],
    constraint?: (query: any, type: string) => unknown,
  ): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereHasMorph(relation, types, constraint) as never;
  }
  static whereDoesntHaveMorph<C extends SqlModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    types: string | readonly string[],
    constraint?: (query: any, type: string) => unknown,
  ): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereDoesntHaveMorph(relation, types, constraint) as never;
  }
  static whereHas<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereHas(relation, constraint) as never;
  }

  static orWhereHas<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).orWhereHas(relation, constraint) as never;
  }

  static whereDoesntHave<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereDoesntHave(relation, constraint) as never;
  }

  /** `Post.has("comments", ">=", 3)`: rows by their number of related rows. */
  static has<C extends SqlModelClass<any>>(
    this: C,
    relation: WithPath<SchemaOf<C>>,
    operator?: string,
    count?: number,
    constraint?: QueryConstraint,
  ): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).has(relation, operator, count, constraint) as never;
  }

  static doesntHave<C extends SqlModelClass<any>>(this: C, relation: WithPath<SchemaOf<C>>, constraint?: QueryConstraint): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).doesntHave(relation, constraint) as never;
  }

  /** `User.whereRelation("posts", "published", true)`: whereHas with one where on the related rows. */
  static whereRelation<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "whereRelation">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.whereRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }

  // Laravel's shorthand existence forms (relations/existence-forms.ts), as statics.
  static orWhereRelation<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "orWhereRelation">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.orWhereRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereDoesntHaveRelation<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "whereDoesntHaveRelation">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.whereDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static orWhereDoesntHaveRelation<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "orWhereDoesntHaveRelation">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.orWhereDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereMorphRelation<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "whereMorphRelation">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.whereMorphRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereMorphDoesntHaveRelation<C extends SqlModelClass<any>>(
    this: C,
    ...args: QueryArgs<C, "whereMorphDoesntHaveRelation">
  ): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.whereMorphDoesntHaveRelation as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static hasMorph<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "hasMorph">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.hasMorph as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static doesntHaveMorph<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "doesntHaveMorph">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.doesntHaveMorph as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }
  static whereAttachedTo<C extends SqlModelClass<any>>(this: C, ...args: QueryArgs<C, "whereAttachedTo">): QueryOf<C> {
    const q = new SqlQuery(this) as AnySqlQuery;
    return (q.whereAttachedTo as (...a: unknown[]) => QueryOf<C>).apply(q, args);
  }

  static orderBy<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, direction: "asc" | "desc" = "asc"): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).orderBy(column, direction) as never;
  }

  // ---- static writes --------------------------------------------------------------------------------

  /** Inserts many rows in one statement per chunk (below the dialect's parameter limit). */
  static async createMany<C extends SqlModelClass<any>>(this: C, rows: ReadonlyArray<CreateInput<C>>): Promise<ModelOf<C>[]> {
    const meta = modelMeta(this);
    if (!rows.length) return [];
    const { dialect } = executor(meta);
    const models = modelsForInsert(this as unknown as new () => SqlModelBase, meta, rows as ReadonlyArray<Record<string, unknown>>);
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
    return models as ModelOf<C>[];
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
    await runStatement(meta, "save()", runner(meta.table).where(meta.primaryKey, SqlModelBase.#key(this, meta)).update(row));
    this.syncOriginal(true);
    return this;
  }

  static #key(self: SqlModelBase<any>, meta: ModelMeta): Knex.Value {
    const original = self.getOriginal() as Record<string, unknown>;
    const key = original[meta.primaryKey] ?? self.get(meta.primaryKey);
    if (key === null || key === undefined) {
      throw new EloquentError(`${meta.name}: this model has no ${meta.primaryKey}; save() it before updating or deleting it.`);
    }
    return key as Knex.Value;
  }

  /** Deletes the row even when the model has softDeletes. */
  async forceDelete(): Promise<void> {
    const meta = modelMeta(this.constructor as SqlModelClass);
    const { runner } = executor(meta);
    await runStatement(meta, "forceDelete()", runner(meta.table).where(meta.primaryKey, SqlModelBase.#key(this, meta)).del());
    this.syncOriginal(false);
  }

  /** Re-reads the attributes from the database and reloads the relations that were loaded (as Laravel does). */
  async refresh(): Promise<this> {
    const meta = modelMeta(this.constructor as SqlModelClass);
    const { runner } = executor(meta);
    const key = SqlModelBase.#key(this, meta);
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
    rows: ReadonlyArray<CreateInput<C>>,
    uniqueBy: Column<SchemaOf<C>> | readonly Column<SchemaOf<C>>[],
    update?: readonly Column<SchemaOf<C>>[],
  ): Promise<number> {
    return upsert(this, rows as ReadonlyArray<Record<string, unknown>>, uniqueBy as string | string[], update as string[] | undefined);
  }

  /** A query without the named global scope (`Model.withoutGlobalScopes()` for none of them). */
  static withoutGlobalScope<C extends SqlModelClass<any>>(this: C, name: GlobalScopeName<C>): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).withoutGlobalScope(name) as never;
  }
  static withoutGlobalScopes<C extends SqlModelClass<any>>(this: C, names?: readonly GlobalScopeName<C>[]): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).withoutGlobalScopes(names) as never;
  }
  static withoutGlobalScopesExcept<C extends SqlModelClass<any>>(this: C, names: readonly GlobalScopeName<C>[]): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).withoutGlobalScopesExcept(names) as never;
  }

  static sum<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<number> {
    return (new SqlQuery(this) as AnySqlQuery).sum(column) as never;
  }
  static avg<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<number | null> {
    return (new SqlQuery(this) as AnySqlQuery).avg(column) as never;
  }
  static min<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<unknown> {
    return (new SqlQuery(this) as AnySqlQuery).min(column) as never;
  }
  static max<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): Promise<unknown> {
    return (new SqlQuery(this) as AnySqlQuery).max(column) as never;
  }
  static orderByDesc<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).orderByDesc(column) as never;
  }
  static whereBetween<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>, range: readonly [unknown, unknown]): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereBetween(column, range) as never;
  }
  static whereNull<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereNull(column) as never;
  }
  static whereNotNull<C extends SqlModelClass<any>>(this: C, column: Column<SchemaOf<C>>): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).whereNotNull(column) as never;
  }
  static when<C extends SqlModelClass<any>, V>(
    this: C,
    value: V,
    callback: (q: QueryOf<C>, value: V) => unknown,
    otherwise?: (q: QueryOf<C>, value: V) => unknown,
  ): QueryOf<C> {
    return (new SqlQuery(this) as AnySqlQuery).when(value, callback as never, otherwise as never) as never;
  }
  static chunk<C extends SqlModelClass<any>>(this: C, size: number, callback: ChunkCallback<QueryModelOf<C>>): Promise<boolean> {
    return (new SqlQuery(this) as AnySqlQuery).chunk(size, callback) as never;
  }
  static chunkById<C extends SqlModelClass<any>>(this: C, size: number, callback: ChunkCallback<QueryModelOf<C>>): Promise<boolean> {
    return (new SqlQuery(this) as AnySqlQuery).chunkById(size, callback) as never;
  }
  static each<C extends SqlModelClass<any>>(
    this: C,
    callback: (model: QueryModelOf<C>, index: number) => unknown,
    size = 1000,
  ): Promise<boolean> {
    return (new SqlQuery(this) as AnySqlQuery).each(callback, size) as never;
  }
  static lazy<C extends SqlModelClass<any>>(this: C, size = 1000): AsyncGenerator<QueryModelOf<C>, void, undefined> {
    return (new SqlQuery(this) as AnySqlQuery).lazy(size) as never;
  }
  static cursor<C extends SqlModelClass<any>>(this: C): AsyncGenerator<QueryModelOf<C>, void, undefined> {
    return (new SqlQuery(this) as AnySqlQuery).cursor() as never;
  }

  /**
   * Atomic `column = column + amount` on this row (plus `extra` columns), then the model holds the
   * new values. Fires updating/updated (an "updating" listener returning false cancels).
   */
  increment(column: keyof A & string, amount = 1, extra: Partial<A> = {}): Promise<this> {
    return SqlModelBase.#counter(this, column, amount, extra, 1);
  }
  decrement(column: keyof A & string, amount = 1, extra: Partial<A> = {}): Promise<this> {
    return SqlModelBase.#counter(this, column, amount, extra, -1);
  }

  static async #counter<T extends SqlModelBase<any>>(
    self: T,
    column: string,
    amount: number,
    extra: Record<string, unknown>,
    sign: 1 | -1,
  ): Promise<T> {
    const meta = modelMeta(self.constructor as SqlModelClass);
    const key = SqlModelBase.#key(self, meta);
    if (!(await fireEvent(self, "updating"))) return self;
    const now = new Date();
    const values = meta.timestamps && !("updated_at" in extra) ? { ...extra, updated_at: now } : extra;
    const q = new SqlQuery(self.constructor as SqlModelClass).whereKeyIn(meta.primaryKey, [key]);
    await q[sign > 0 ? "increment" : "decrement"](column, amount, values);
    const clean = !self.isDirty();
    const current = Number(self.get(column) ?? 0);
    for (const [k, v] of [[column, current + sign * amount] as const, ...Object.entries(values)]) {
      if (clean) self.set(k, v);
      else self.setComputed(k, v);
    }
    if (clean) self.syncOriginal(true);
    await fireEvent(self, "updated");
    return self;
  }
}

installLifecycle(SqlModelBase, Model);

/** The instance type of `class X extends SqlModel` without Attrs: the base's members, any other attribute `unknown`. */
export interface UntypedSqlModel extends SqlModelBase<Record<string, unknown>> {
  [attribute: string]: unknown;
}

/**
 * The exported `SqlModel`: the same class, typed so `class User extends SqlModel<UserAttrs>` gives
 * instances typed attributes (`user.name`).
 */
export interface SqlModelConstructor extends Pick<typeof SqlModelBase, Exclude<keyof typeof SqlModelBase, DeclaredStatics>> {
  // Two signatures, not one with a default: `extends SqlModel` (no Attrs) then has one class type as
  // its base instead of `SqlModelBase<Record<string, unknown>> & Record<string, unknown>`, whose every member
  // TypeScript re-creates as an intersection member for each class and each `this` it is read through
  // (about 200 members per model in bench/types).
  new (tableOrAttributes?: string | Partial<Record<string, unknown>>, connection?: string): UntypedSqlModel;
  new <A extends object>(tableOrAttributes?: string | Partial<A>, connection?: string): SqlModelBase<A> & A;
  // `object`, not SqlModelBase: TypeScript checks each subclass's static side against this interface, and a
  // class-typed `prototype` made that a structural comparison of every instance member (with the
  // one-interface base above: 10,000 of the 14,000 instantiations of re-checking one model file).
  readonly prototype: object;
}

export const SqlModel = SqlModelBase as unknown as SqlModelConstructor;
export type SqlModel<A extends object = Record<string, unknown>> = SqlModelBase<A> & A;
