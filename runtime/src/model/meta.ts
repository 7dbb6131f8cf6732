/**
 * Per-class metadata computed once from the statics (`schema`, `modelName`, `tableName`,
 * `connectionName`, `morphAlias`) and the seed's constructor form `super("users", "sqlite")`.
 *
 * Every decision (model name, table precedence, connection, primary key) is the engine's resolver
 * (`eloquent-engine`'s resolveModelName / resolveTable / resolveConnection / resolvePrimaryKey), so the
 * queries, `migrate` and every check agree; this module only reads the class.
 */
import {
  EXPANDING_COLUMN_TYPES,
  isColumnDescriptor,
  isRelationDescriptor,
  morphTypeValue,
  resolveConnection,
  resolveModelName,
  resolvePrimaryKey,
  resolveTable,
  type ColumnDescriptor,
  type RelationDescriptor,
} from "eloquent-engine";
import { EXACT_SQL_TYPES, NUMBER_SQL_TYPES, readCastFor, toExactString, toNumberFromBigInt, type ReadCast } from "./casts";
import { EloquentError } from "./errors";
import { ATTRIBUTE_TRANSFORMS, resolveAttributeTransforms, type AttributeTransforms } from "./attribute-casts";
import { methodRelations, schemaEntries, withSeedPivot } from "../compat/schema-entries";
import { rememberModel } from "./lookup";
import { mappedMorphAlias } from "./morph-map";
import type { ModelClass, Store } from "./types";

export interface ModelMeta {
  readonly model: ModelClass;
  /** The model name relation targets use: `static modelName`, else the class name. */
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
  /** SQL: read with SQLite's safeIntegers (the model has a bigint column; see casts.ts). */
  readonly safeIntegers: boolean;
  /** json and date columns: values a caller can change in place, so dirty checking compares their content. */
  readonly mutableColumns: readonly string[];
  readonly timestamps: boolean;
  readonly softDeletes: boolean;
  /** Value stored in `<morph>_type` columns for this model. */
  readonly morphAlias: string;
  /** `static accessors` / `static casts` (attribute-casts.ts); undefined when the class declares none. */
  readonly transforms: AttributeTransforms | undefined;
}

const MUTABLE_TYPES = new Set<string>(["json", "binary", "date", "datetime", "timestamp", "timestamps", "softDeletes"]);

const metas = new WeakMap<Function, ModelMeta>();
/** Constructor arguments of the seed's form, recorded per class on first construction. */
const constructorArgs = new WeakMap<Function, { table?: string; connection?: string }>();

export function recordConstructorArgs(model: Function, table?: string, connection?: string): void {
  if (table === undefined && connection === undefined) return;
  if (!constructorArgs.has(model)) constructorArgs.set(model, { table, connection });
}

/**
 * Builds one probe instance (constructor arguments recorded, no metadata recursion). Returns it, or
 * undefined when the constructor needs arguments (the conventions apply then).
 */
function probeInstance(model: ModelClass): object | undefined {
  probing.add(model);
  try {
    return new model() as object;
  } catch {
    return undefined;
  } finally {
    probing.delete(model);
  }
}

/**
 * Table/connection given through `super(table, connection)`, building one probe instance if needed.
 * `registerModels` reads it too, so the graph the engine checks has the table the queries use.
 */
export function constructorForm(model: ModelClass): { table?: string; connection?: string } {
  if (!constructorArgs.has(model)) probeInstance(model);
  return constructorArgs.get(model) ?? {};
}

/**
 * `name?: string;` in a model class is a class field: with useDefineForClassFields (the default from
 * target ES2022) every instance gets an own `name` property that hides the accessor, so reads give
 * undefined and writes are never saved. Fail at the first use of the class instead.
 */
function assertNoShadowingFields(
  model: ModelClass,
  probe: object | undefined,
  columns: ReadonlyMap<string, unknown>,
  relations: ReadonlyMap<string, unknown>,
  virtual: readonly string[],
): void {
  if (probe === undefined) return;
  const shadowing = Object.getOwnPropertyNames(probe).filter((k) => columns.has(k) || relations.has(k) || virtual.includes(k));
  if (!shadowing.length) return;
  const list = shadowing.map((k) => `'${k}'`).join(", ");
  throw new EloquentError(
    `${model.name} declares ${shadowing.length > 1 ? "class fields" : "a class field"} ${list} for ${shadowing.length > 1 ? "schema entries" : "a schema entry"}: ` +
      `an instance field hides the attribute accessor (with useDefineForClassFields, the default from target ES2022), ` +
      `so every ${model.name} would read undefined there and never save what is assigned. ` +
      `Make it a type-only declaration: \`declare ${shadowing[0]}?: ...;\` (or list it in the model's Attrs type and remove the field).`,
  );
}

/** Classes being probed: their constructor must not recurse into metadata. */
export const probing = new Set<Function>();

export function modelMeta(model: ModelClass): ModelMeta {
  let meta = metas.get(model);
  if (meta === undefined) {
    meta = computeMeta(model);
    metas.set(model, meta);
    // Own property of every class with metadata: Model.get/set read it without a map lookup per call.
    Object.defineProperty(model, ATTRIBUTE_TRANSFORMS, { value: meta.transforms, configurable: true, enumerable: false });
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
  const transforms = resolveAttributeTransforms(model as never, new Set(columns.keys()), new Set(relations.keys()));
  const probe = probeInstance(model);
  assertNoShadowingFields(model, probe, columns, relations, transforms?.virtual ?? []);
  const needsProbe = typeof model.tableName !== "string" || typeof model.connectionName !== "string";
  const ctorForm = needsProbe ? constructorForm(model) : {};
  const name = resolveModelName(model.name, (model as { modelName?: unknown }).modelName);
  const table = resolveTable(name, model.tableName, ctorForm.table).name;
  const connection = resolveConnection(model.connectionName, ctorForm.connection);
  // Relation methods (the seed's `posts() { return this.hasMany(Post, "user_id"); }`) are relations too.
  for (const [key, entry] of methodRelations(model, new Set(relations.keys()))) relations.set(key, entry);
  for (const [key, entry] of relations) relations.set(key, withSeedPivot(entry, table, model.store));
  const primaryKey = resolvePrimaryKey(
    [...columns].map(([column, descriptor]) => ({ name: column, type: descriptor.type, primary: descriptor.options.primary })),
    model.store,
  );

  const readCasts: Array<readonly [string, ReadCast]> = [];
  const sql = model.store === "sql";
  // A SQL model with a bigint column is read with SQLite's safeIntegers (no digit lost above 2^53):
  // every integer then arrives as a BigInt, so its int columns get a cast back to number.
  const safeIntegers = sql && [...columns.values()].some((c) => c.type === "bigint" || c.type === "bigIncrements");
  for (const [name, col] of columns) {
    const cast =
      sql && EXACT_SQL_TYPES.has(col.type)
        ? toExactString
        : safeIntegers && NUMBER_SQL_TYPES.has(col.type)
          ? toNumberFromBigInt
          : readCastFor(col.type);
    if (cast) readCasts.push([name, cast]);
  }
  const mutableColumns = [...columns].filter(([, col]) => MUTABLE_TYPES.has(col.type)).map(([name]) => name);
  const staticAlias = typeof model.morphAlias === "string" && model.morphAlias !== "" ? model.morphAlias : undefined;
  return {
    model,
    name,
    store: model.store,
    table,
    connection,
    primaryKey,
    columns,
    relations,
    readCasts,
    safeIntegers,
    mutableColumns,
    timestamps: columns.has("created_at") && columns.has("updated_at"),
    softDeletes: columns.has("deleted_at") && columns.get("deleted_at")!.type === "softDeletes",
    // A getter: a later morphMap() changes the alias of a class whose metadata is already built.
    get morphAlias() {
      return morphTypeValue(name, staticAlias, mappedMorphAlias(model));
    },
    transforms,
  };
}

/**
 * Typed attribute access (`user.name`, `user.posts`) through accessors on the class prototype,
 * installed once per class: no per-instance cost, nothing enumerable on instances. A name that is
 * already a method (`save`, `delete`…) keeps the method; its value stays reachable via `get()`.
 */
/** What `model.<relation> = value` does; set by model.ts (the relations layer imports this module). */
let relationAssigner: ((model: object, name: string, value: unknown) => void) | undefined;
export function setRelationAssigner(assign: (model: object, name: string, value: unknown) => void): void {
  relationAssigner = assign;
}

function installAccessors(model: ModelClass, meta: ModelMeta): void {
  const proto = model.prototype as object;
  // Columns, and the virtual attributes of `static accessors` (`user.full_name`): read and assigned through get/set.
  for (const name of [...meta.columns.keys(), ...(meta.transforms?.virtual ?? [])]) {
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
      set(this: object, value: unknown) {
        // belongsTo/morphTo: associate (sets the key); other kinds throw (relations/associate.ts)
        relationAssigner!(this, name, value);
      },
    });
  }
}
