/**
 * Registered classes → model graph. Reads the statics (`schema`, `tableName`, `connectionName`,
 * `morphAlias`, `database`, `store`, optional `modelName`), the seed's relation methods (called on a bare
 * prototype, see compat/relation-methods.ts) and, for eloquent model classes without a static table or
 * connection, the constructor form `super("users")` the runtime uses (one probe instance, as the runtime's
 * metadata builds). Names and tables follow the engine's resolver.
 */
import type { ColumnNode, InvalidEntryNode, ModelGraph, ModelNode, RelationNode, Store } from "eloquent-engine";
import {
  describeUnknownMixin,
  isColumnDescriptor,
  isMixinDescriptor,
  isRelationDescriptor,
  relationConventions,
  resolveModelName,
} from "eloquent-engine";
import { methodRelations, schemaEntries } from "../compat/schema-entries";
import { constructorForm } from "../model/meta";
import { Model } from "../model/model";
import type { ModelClass } from "../model/types";

/** The statics a model class may carry (all optional: anything can be passed from plain JS). */
export interface ModelClassLike {
  readonly name: string;
  readonly store?: unknown;
  readonly modelName?: unknown;
  readonly schema?: unknown;
  readonly tableName?: unknown;
  readonly connectionName?: unknown;
  readonly morphAlias?: unknown;
  readonly database?: unknown;
}

/** The name relation targets use for this class: `static modelName` when set, else the class name. */
export function modelNameOf(cls: ModelClassLike): string {
  return resolveModelName(cls.name, cls.modelName);
}

/** A subclass of the runtime's `Model` (possibly the store-neutral base with no store). */
function isEloquentModel(value: unknown): value is ModelClass {
  return typeof value === "function" && (value as { prototype?: unknown }).prototype instanceof Model;
}

/** `class X extends Model`: an eloquent model without SqlModel/MongoModel, reported by rule model-store. */
function isStoreNeutral(cls: ModelClassLike): boolean {
  return cls.store === undefined && isEloquentModel(cls);
}

/** Throws a TypeError naming the culprit when a value is not a model class (API misuse, not a schema mistake). */
export function assertModelClass(value: unknown, position: number): asserts value is ModelClassLike {
  const where = `registerModels: entry ${position}`;
  if (typeof value !== "function") {
    throw new TypeError(
      `${where} is ${value === null ? "null" : typeof value}, expected a model class (class X extends SqlModel or MongoModel).`,
    );
  }
  const store = (value as ModelClassLike).store;
  if (store !== "sql" && store !== "mongo" && !isStoreNeutral(value as ModelClassLike)) {
    throw new TypeError(
      `${where} (${value.name || "an anonymous class"}) is not a model class: it has no static store "sql" or "mongo". Extend SqlModel or MongoModel from "eloquent-orm/Model".`,
    );
  }
  if (modelNameOf(value as ModelClassLike) === "") {
    throw new TypeError(
      `${where} is an anonymous class: give it a name or a static modelName, since relation targets refer to models by name.`,
    );
  }
}

export function graphFromClasses(classes: readonly ModelClassLike[]): ModelGraph {
  return { models: classes.map(modelNodeFromClass) };
}

export function modelNodeFromClass(cls: ModelClassLike): ModelNode {
  const columns: ColumnNode[] = [];
  const relations: RelationNode[] = [];
  const invalidEntries: InvalidEntryNode[] = [];
  let schema: unknown;
  try {
    schema = cls.schema;
  } catch (error) {
    // A throwing getter is bad input like any other: report it, keep validating the rest.
    schema = undefined;
    invalidEntries.push({ name: "", found: `a getter that threw (${error instanceof Error ? error.message : String(error)})` });
  }
  if (schema !== undefined && schema !== null && typeof schema === "object" && !Array.isArray(schema)) {
    // The seed package's forms (object literals, validate(), mixins) read as native descriptors.
    for (const [name, entry] of schemaEntries(schema)) {
      if (isColumnDescriptor(entry)) {
        const invalid = (entry as { invalidOptions?: unknown }).invalidOptions;
        columns.push({
          name,
          type: entry.type,
          ...(entry.length === undefined ? {} : { length: entry.length }),
          options: (invalid ?? entry.options) as Record<string, unknown>,
        });
      } else if (isRelationDescriptor(entry)) {
        relations.push({
          name,
          kind: entry.kind,
          target: entry.target,
          options: entry.options,
          ...(relationConventions(entry) ? { conventions: "seed" as const } : {}),
        });
      } else {
        invalidEntries.push({ name, found: describeEntry(entry) });
      }
    }
  } else if (schema !== undefined) {
    invalidEntries.push({ name: "", found: describeEntry(schema) });
  }
  // Relation methods (the seed's form): the class they pass is named by its model name, as in the source.
  if (typeof cls === "function") {
    for (const [name, entry] of methodRelations(cls, new Set(relations.map((r) => r.name)))) {
      const target = typeof entry.target === "function" ? modelNameOf(entry.target as ModelClassLike) : entry.target;
      relations.push({ name, kind: entry.kind, target, options: entry.options, conventions: "seed" });
    }
  }
  const node: ModelNode = {
    name: modelNameOf(cls),
    store: isStoreNeutral(cls) ? "sql" : (cls.store as Store),
    columns,
    relations,
  };
  if (isStoreNeutral(cls)) node.storeNeutral = true;
  // The constructor form only matters where a static does not decide (the resolver's precedence).
  const needsProbe =
    isEloquentModel(cls) && !isStoreNeutral(cls) && (typeof cls.tableName !== "string" || typeof cls.connectionName !== "string");
  const ctorForm = needsProbe ? constructorForm(cls as ModelClass) : {};
  if (typeof cls.tableName === "string") node.table = cls.tableName;
  else if (ctorForm.table !== undefined) {
    node.table = ctorForm.table;
    node.tableFrom = "constructor";
  }
  if (typeof cls.connectionName === "string") node.connection = cls.connectionName;
  else if (ctorForm.connection !== undefined) node.connection = ctorForm.connection;
  if (cls.morphAlias !== undefined) node.morphAlias = cls.morphAlias as string;
  if (cls.database !== undefined) node.database = cls.database;
  if (invalidEntries.length > 0) node.invalidEntries = invalidEntries;
  return node;
}

function describeEntry(value: unknown): string {
  if (isMixinDescriptor(value)) return describeUnknownMixin(value.name);
  if (typeof value === "string") return `the string '${value}' (did you mean column("${value}")?)`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return `a function${value.name ? ` (${value.name})` : ""}`;
  if (typeof value === "object") return "a plain object (not built by column() or relation())";
  return `${typeof value} ${String(value)}`;
}
