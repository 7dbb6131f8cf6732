/** Shared model types (store-neutral). */
import type { ColumnDescriptor, DatabaseMeta, RelationDescriptor, SeedSchemaEntry } from "eloquent-engine";
import type { Store } from "eloquent-engine";
import type { Model } from "./model";
import type { DeclaredColumnKeys, ExpandedColumnNames } from "../types/attributes";
import type { RelationKeys } from "../types/relations";

export type { Store };

/** What `static schema` holds: columns and relations by name (also in the seed package's forms). */
export type SchemaShape = Readonly<Record<string, ColumnDescriptor | RelationDescriptor | SeedSchemaEntry>>;

/** Any model class (the statics the store-neutral layers read). */
export interface ModelClass<M extends Model = Model> {
  new (...args: any[]): M;
  readonly name: string;
  readonly prototype: M;
  readonly store: Store;
  schema: SchemaShape;
  /** The name relation targets use (default: the class name). */
  modelName?: string;
  tableName?: string;
  connectionName?: string;
  morphAlias?: string;
  database?: DatabaseMeta;
  /** The store's data access used by the relation layer (see relations/adapter.ts). */
  readonly adapter: import("../relations/adapter").StoreAdapter;
}

/**
 * The statics a model declares itself (`static schema = ...`): left out of the exported SqlModel /
 * MongoModel constructor types so user classes need no `override` keyword under
 * `noImplicitOverride` (the seed's code compiles as is).
 */
export type DeclaredStatics = "schema" | "tableName" | "connectionName" | "morphAlias" | "database" | "prototype";

/** Names of the relations declared in a schema type (the seed's object-literal entries too; types/relations.ts). */
export type RelationNames<S> = RelationKeys<S>;

/** Names of the columns declared in a schema type, with the columns `timestamps` and `softDeletes` stand for (types/attributes.ts). */
export type ColumnNames<S> = DeclaredColumnKeys<S> | ExpandedColumnNames<S>;

/** `with()` paths: a relation name, optionally followed by nested relation names. */
export type RelationPath<S> = RelationNames<S> | `${RelationNames<S>}.${string}`;
