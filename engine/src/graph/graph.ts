/**
 * The model graph: the one input of the rule engine.
 *
 * The runtime builds it from registered classes; the static fronts (tsserver plugin, ESLint plugin,
 * CLI) build it from TypeScript source. Values the static side cannot evaluate are `Unverifiable`
 * (never guessed), and every node may carry the source span the fronts translate diagnostics to.
 */

/** A source location. Offsets are 0-based UTF-16 offsets into the file text, end exclusive. */
export interface SourceSpan {
  file: string;
  start: number;
  end: number;
}

/** An expression whose value is not known statically (`process.env.X`, a function call, a spread). */
export interface Unverifiable {
  readonly unverifiable: true;
  /** Source text of the expression, for the "cannot verify" message. */
  readonly text: string;
}

export type Maybe<T> = T | Unverifiable;

export function unverifiable(text: string): Unverifiable {
  return { unverifiable: true, text };
}

export function isUnverifiable(value: unknown): value is Unverifiable {
  return value !== null && typeof value === "object" && (value as { unverifiable?: unknown }).unverifiable === true;
}

export type Store = "sql" | "mongo";

export interface ColumnNode {
  /** Key in `static schema`. */
  name: string;
  /** Declared type as given (may be a wrong string, or any value from untyped JS). */
  type: Maybe<unknown>;
  length?: Maybe<unknown>;
  /** Column options as given. */
  options: Maybe<Record<string, unknown>>;
  loc?: { entry?: SourceSpan; name?: SourceSpan; type?: SourceSpan };
}

export interface RelationNode {
  /** Key in `static schema` (the relation name used by `with("...")`). */
  name: string;
  /** Kind as given: normally a RelationKind string, but anything for bad input. */
  kind: Maybe<unknown>;
  /** Target model name as given. */
  target: Maybe<unknown>;
  /**
   * Options as given. `undefined` when omitted. A non-object value is kept as is (the engine reports
   * it). Inside an object, a value the static side cannot evaluate is `Unverifiable`.
   */
  options: Maybe<unknown> | undefined;
  /**
   * `"seed"` for a relation written for the seed package (its `relation()`, an object-literal entry or a
   * relation method): the seed's implicit pivot applies when it names no pivot (resolve/seed-pivot.ts).
   */
  conventions?: "seed";
  loc?: {
    /** The whole `name: relation(...)` entry. */
    entry?: SourceSpan;
    name?: SourceSpan;
    kind?: SourceSpan;
    target?: SourceSpan;
    /** The options object literal. */
    options?: SourceSpan;
    /** Per option: the key and the value. */
    optionKeys?: Record<string, SourceSpan>;
    optionValues?: Record<string, SourceSpan>;
  };
}

export interface InvalidEntryNode {
  /** Key in `static schema` ("" when the schema itself is not an object). */
  name: string;
  /** What was found instead, e.g. "a string 'int'", "an object without __eloquent". */
  found: string;
  loc?: SourceSpan;
}

export interface ModelNode {
  /** The model name relation targets refer to: `static modelName`, else the class name (`resolveModelName`). */
  name: string;
  /** The class name, when `static modelName` makes it differ from `name` (query sites start from classes). */
  className?: string;
  store: Store;
  /**
   * The class extends the store-neutral `Model` directly (no SqlModel/MongoModel in its chain): it has no
   * store (rule model-store). `store` is then "sql" so the other checks still run.
   */
  storeNeutral?: boolean;
  /** Explicit table/collection name (static tableName or super("table")); undefined → snake plural of the name. */
  table?: Maybe<string>;
  /** How `table` was given: `static tableName` (the default) or the constructor form `super("users")`. */
  tableFrom?: "static" | "constructor";
  connection?: Maybe<string>;
  columns: ColumnNode[];
  relations: RelationNode[];
  /**
   * True when the schema could not be read completely (a spread, a computed key, a non-literal
   * schema): absence of a column then means "cannot verify", not "missing".
   */
  openSchema?: boolean;
  /** Text of the expression that made the schema open, for the message. */
  openSchemaReason?: string;
  morphAlias?: Maybe<string>;
  /** `static database` as given (see schema/database.ts); Unverifiable when not literal. */
  database?: Maybe<unknown>;
  /**
   * Schema entries that are neither `column(...)` nor `relation(...)` (bad input), kept so the
   * `schema-entry` rule can name them instead of dropping them silently.
   */
  invalidEntries?: InvalidEntryNode[];
  loc?: {
    /** The class name identifier. */
    name?: SourceSpan;
    /** The `static schema` initializer. */
    schema?: SourceSpan;
    /** The last entry of the schema object (fronts insert new columns after it). */
    schemaInsertAt?: SourceSpan;
    table?: SourceSpan;
    morphAlias?: SourceSpan;
    database?: SourceSpan;
  };
}

export interface ModelGraph {
  models: ModelNode[];
}
