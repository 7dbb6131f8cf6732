/**
 * Per-class metadata computed once from the statics (`schema`, `tableName`, `connectionName`,
 * `morphAlias`) and the seed's constructor form `super("users", "sqlite")`.
 *
 * Precedence: `static tableName` / `static connectionName` win over constructor arguments (statics
 * are visible without building an instance, so the static tools see the same value); constructor
 * arguments win over the conventions (snake plural table, `DB_CONNECTION`).
 */
import {
  EXPANDING_COLUMN_TYPES,
  isColumnDescriptor,
  isRelationDescriptor,
  type ColumnDescriptor,
  type RelationDescriptor,
} from "eloquent-engine";
import { defaultTableName } from "../relations/conventions";
import { methodRelations, schemaEntries, withSeedPivot } from "../compat/schema-entries";
import { readCastFor, type ReadCast } from "./casts";
import { rememberModel } from "./lookup";
import type { ModelClass, Store } from "./types";

export interface ModelMeta {
  readonly model: ModelClass;
  readonly name: string;
  readonly store: Store;
  readonly table: string;
  /** undefined → the store's default connection. */
  readonly connection: string | undefined;
  readonly primaryKey: string;
  /** Physical columns, with `timestamps` / `softDeletes` expanded. */
  readonly columns: ReadonlyMap<string, ColumnDescriptor>;
  readonly relations: ReadonlyMap<string, RelationDescriptor>;
  /** Columns whose values need a read cast, with the cast. */
  readonly readCasts: ReadonlyArray<readonly [string, ReadCast]>;
  readonly timestamps: boolean;
  readonly softDeletes: boolean;
  /** Value stored in `<morph>_type` columns for this model. */
  readonly morphAlias: string;
}

const metas = new WeakMap<Function, ModelMeta>();
/** Constructor arguments of the seed's form, recorded per class on first construction. */
const constructorArgs = new WeakMap<Function, { table?: string; connection?: string }>();

export function recordConstructorArgs(model: Function, table?: string, connection?: string): void {
  if (table === undefined && connection === undefined) return;
  if (!constructorArgs.has(model)) constructorArgs.set(model, { table, connection });
}

/** Table/connection given through `super(table, connection)`, building one probe instance if needed. */
function constructorForm(model: ModelClass): { table?: string; connection?: string } {
  if (!constructorArgs.has(model)) {
    probing.add(model);
    try {
      new model();
    } catch {
      // A constructor that needs arguments cannot be probed; the conventions apply.
    } finally {
      probing.delete(model);
    }
  }
  return constructorArgs.get(model) ?? {};
}

/** Classes being probed: their constructor must not recurse into metadata. */
export const probing = new Set<Function>();

export function modelMeta(model: ModelClass): ModelMeta {
  let meta = metas.get(model);
  if (meta === undefined) {
    meta = computeMeta(model);
    metas.set(model, meta);
    installAccessors(model, meta);
    rememberModel(model);
  }
  return meta;
}

/** Forget cached metadata (tests that mutate statics). */
export function resetModelMeta(model: ModelClass): void {
  metas.delete(model);
}

function computeMeta(model: ModelClass): ModelMeta {
  const schema = (model.schema ?? {}) as Record<string, unknown>;
  const columns = new Map<string, ColumnDescriptor>();
  const relations = new Map<string, RelationDescriptor>();
  // The seed package's forms (object literals, validate(), mixins) read as native descriptors.
  for (const [key, entry] of schemaEntries(schema)) {
    if (isRelationDescriptor(entry)) relations.set(key, entry);
    else if (isColumnDescriptor(entry)) {
      const expanded = EXPANDING_COLUMN_TYPES[entry.type];
      if (expanded) for (const name of expanded) columns.set(name, { ...entry, options: { ...entry.options, nullable: true } });
      else columns.set(key, entry);
    }
  }
  const needsProbe = typeof model.tableName !== "string" || typeof model.connectionName !== "string";
  const ctorForm = needsProbe ? constructorForm(model) : {};
  const table = typeof model.tableName === "string" ? model.tableName : ctorForm.table ?? defaultTableName(model.name);
  const connection =
    typeof model.connectionName === "string" ? model.connectionName : ctorForm.connection ?? undefined;
  // Relation methods (the seed's `posts() { return this.hasMany(Post, "user_id"); }`) are relations too.
  for (const [key, entry] of methodRelations(model, new Set(relations.keys()))) relations.set(key, entry);
  for (const [key, entry] of relations) relations.set(key, withSeedPivot(entry, table, model.store));

  let primaryKey: string | undefined;
  for (const [name, col] of columns) if (col.options.primary) primaryKey ??= name;
  if (primaryKey === undefined)
    for (const [name, col] of columns)
      if (col.type === "increments" || col.type === "bigIncrements") primaryKey ??= name;
  primaryKey ??= columns.has("id") ? "id" : model.store === "mongo" ? "_id" : "id";

  const readCasts: Array<readonly [string, ReadCast]> = [];
  for (const [name, col] of columns) {
    const cast = readCastFor(col.type);
    if (cast) readCasts.push([name, cast]);
  }
  return {
    model,
    name: model.name,
    store: model.store,
    table,
    connection,
    primaryKey,
    columns,
    relations,
    readCasts,
    timestamps: columns.has("created_at") && columns.has("updated_at"),
    softDeletes: columns.has("deleted_at") && columns.get("deleted_at")!.type === "softDeletes",
    morphAlias: typeof model.morphAlias === "string" && model.morphAlias !== "" ? model.morphAlias : model.name,
  };
}

/**
 * Typed attribute access (`user.name`, `user.posts`) through accessors on the class prototype,
 * installed once per class: no per-instance cost, nothing enumerable on instances. A name that is
 * already a method (`save`, `delete`…) keeps the method; its value stays reachable via `get()`.
 */
function installAccessors(model: ModelClass, meta: ModelMeta): void {
  const proto = model.prototype as object;
  for (const name of meta.columns.keys()) {
    if (name in proto) continue;
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: { get(k: string): unknown }) {
        return this.get(name);
      },
      set(this: { set(k: string, v: unknown): unknown }, value: unknown) {
        this.set(name, value);
      },
    });
  }
  for (const name of meta.relations.keys()) {
    if (name in proto) continue;
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: { getRelation(k: string): unknown }) {
        return this.getRelation(name);
      },
      set(this: { setRelation(k: string, v: unknown): unknown }, value: unknown) {
        this.setRelation(name, value);
      },
    });
  }
}
