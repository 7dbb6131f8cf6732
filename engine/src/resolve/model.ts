/**
 * What a model is — its name, table, connection and primary key — decided once, here. The runtime's
 * metadata (`ModelMeta`), the registry's graph, the extractor and the rule engine's `ModelIndex` all ask
 * these functions instead of applying the conventions themselves, so `migrate`, the queries and every
 * check agree on the same model file.
 */
import { defaultTableName } from "./conventions";
import type { Store } from "../graph/graph";

/** The name relation targets use: `static modelName` when a non-empty string, else the class name. */
export function resolveModelName(className: string, modelName?: unknown): string {
  return typeof modelName === "string" && modelName !== "" ? modelName : className;
}

/** Where a model's table came from (for messages such as ELQ702's "static tableName"). */
export type TableSource = "static" | "constructor" | "convention";

export interface ResolvedTable {
  name: string;
  source: TableSource;
}

/**
 * The table (collection) a model maps to. Precedence: `static tableName`, then the seed's constructor
 * form `super("users")`, then the convention (snake plural of the model name). Statics win because they
 * are visible without building an instance, so static tools and the runtime read the same value.
 */
export function resolveTable(modelName: string, staticTable?: unknown, constructorTable?: unknown): ResolvedTable {
  if (typeof staticTable === "string" && staticTable !== "") return { name: staticTable, source: "static" };
  if (typeof constructorTable === "string" && constructorTable !== "") return { name: constructorTable, source: "constructor" };
  return { name: defaultTableName(modelName), source: "convention" };
}

/** How a table source reads in a message: `static tableName`, `super("users")`, `inferred from the model name`. */
export function describeTableSource(table: ResolvedTable): string {
  switch (table.source) {
    case "static":
      return "static tableName";
    case "constructor":
      return `super("${table.name}")`;
    case "convention":
      return "inferred from the model name";
  }
}

/** The connection: `static connectionName`, then `super(table, connection)`; undefined → the store's default. */
export function resolveConnection(staticConnection?: unknown, constructorConnection?: unknown): string | undefined {
  if (typeof staticConnection === "string" && staticConnection !== "") return staticConnection;
  if (typeof constructorConnection === "string" && constructorConnection !== "") return constructorConnection;
  return undefined;
}

/** The primary key when no column is marked and none auto-increments. */
export function defaultPrimaryKey(store: Store): string {
  return store === "mongo" ? "_id" : "id";
}

/** One column as the primary-key rule sees it. */
export interface PrimaryKeyCandidate {
  name: string;
  type: unknown;
  /** The column's `primary` option. */
  primary?: unknown;
}

/**
 * THE primary-key rule, for the runtime, `migrate` and every check: the first column with
 * `primary: true`, else the first `increments` / `bigIncrements` column, else `id` (SQL) / `_id` (Mongo).
 */
export function resolvePrimaryKey(columns: Iterable<PrimaryKeyCandidate>, store: Store): string {
  let incrementing: string | undefined;
  for (const column of columns) {
    if (column.primary === true) return column.name;
    if (incrementing === undefined && (column.type === "increments" || column.type === "bigIncrements")) incrementing = column.name;
  }
  return incrementing ?? defaultPrimaryKey(store);
}
