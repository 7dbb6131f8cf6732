/**
 * `column(type, length?, options?)` — or `column(type, options)` — the column half of a model's
 * `static schema`.
 *
 * Never throws: a wrong type or option is kept as given so the rule engine can report it with a
 * location and a fix (a crash here would hide every other mistake in the schema).
 */

import type { ColumnOptionFacts } from "./option-facts";

export const COLUMN_TYPES = [
  "increments",
  "bigIncrements",
  "bigint",
  "uuid",
  "ulid",
  "int",
  "smallint",
  "string",
  "char",
  "text",
  "enum",
  "boolean",
  "decimal",
  "float",
  "json",
  "binary",
  "date",
  "datetime",
  "timestamp",
  "timestamps",
  "softDeletes",
  "objectId",
] as const;

export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnOptions {
  primary?: boolean;
  unique?: boolean;
  nullable?: boolean;
  notNull?: boolean;
  default?: unknown;
  unsigned?: boolean;
  index?: boolean;
  /** timestamp columns: store with time zone (PostgreSQL `timestamptz`). */
  useTz?: boolean;
  /** timestamp columns: default to the current time. */
  defaultNow?: boolean;
  comment?: string;
  /** decimal columns: total digits and digits after the point. */
  precision?: number;
  scale?: number;
  /** enum columns: the values the column accepts (a write of any other value is an error). */
  values?: readonly string[];
}

export const COLUMN_OPTION_KEYS: readonly (keyof ColumnOptions)[] = [
  "primary",
  "unique",
  "nullable",
  "notNull",
  "default",
  "unsigned",
  "index",
  "useTz",
  "defaultNow",
  "comment",
  "precision",
  "scale",
  "values",
];

/**
 * `O` is what the ORM's types read from the options (`column()` gives their facts, see option-facts.ts);
 * the run-time `options` is the object as written.
 */
export interface ColumnDescriptor<T extends ColumnType = ColumnType, O extends ColumnOptions = ColumnOptions> {
  readonly __eloquent: "column";
  readonly type: T;
  readonly length?: number;
  readonly options: Readonly<O>;
}

/** Columns that one `column(...)` entry expands to (timestamps → created_at/updated_at). */
export const EXPANDING_COLUMN_TYPES: Readonly<Record<string, readonly string[]>> = {
  timestamps: ["created_at", "updated_at"],
  softDeletes: ["deleted_at"],
};

export function column<const T extends ColumnType, const O extends ColumnOptions = {}>(
  type: T,
  length?: number,
  options?: O,
): ColumnDescriptor<T, ColumnOptionFacts<O>>;
/** Options without a length: `column("enum", { values: ["draft", "published"] })`. */
export function column<const T extends ColumnType, const O extends ColumnOptions>(
  type: T,
  options: O,
): ColumnDescriptor<T, ColumnOptionFacts<O>>;
export function column(type: ColumnType, lengthOrOptions?: number | ColumnOptions, maybeOptions?: ColumnOptions): ColumnDescriptor {
  // An object in the length position is the options (a length is never an object).
  const shifted = isPlainObject(lengthOrOptions) && maybeOptions === undefined;
  const length = shifted ? undefined : (lengthOrOptions as number | undefined);
  const options = shifted ? (lengthOrOptions as ColumnOptions) : maybeOptions;
  return Object.freeze({
    __eloquent: "column" as const,
    type,
    ...(length === undefined ? {} : { length }),
    options: Object.freeze({ ...(isPlainObject(options) ? options : {}) }),
    // Keep a non-object `options` visible to the engine instead of silently dropping it.
    ...(options !== undefined && !isPlainObject(options) ? { invalidOptions: options } : {}),
  }) as ColumnDescriptor;
}

export function isColumnDescriptor(value: unknown): value is ColumnDescriptor {
  return isPlainObjectLike(value) && (value as { __eloquent?: unknown }).__eloquent === "column";
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPlainObjectLike(value: unknown): value is object {
  return value !== null && typeof value === "object";
}
