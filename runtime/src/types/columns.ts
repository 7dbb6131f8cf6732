/**
 * Column type → the TypeScript type its attribute reads as, keyed by the DSL's type name. A column
 * type added to the DSL is typed by adding one line here (a type not listed reads as `unknown`).
 * The values follow the read casts (model/casts.ts, mongo/documents.ts).
 */

/** What every store reads. */
export interface ColumnValueTypes {
  increments: number;
  int: number;
  smallint: number;
  float: number;
  string: string;
  text: string;
  char: string;
  uuid: string;
  ulid: string;
  objectId: string;
  boolean: boolean;
  json: unknown;
  timestamp: Date;
  date: Date;
  datetime: Date;
  // Node's Buffer is a Uint8Array, so Uint8Array-typed code accepts it.
  binary: Buffer;
  // Without its values in the type (see EnumValues), an enum is any string.
  enum: string;
  // SQL reads these as exact strings (see casts.ts); Mongo overrides them below.
  bigIncrements: string;
  bigint: string;
  decimal: string;
}

/** Mongo's integer columns read as numbers (documents.ts); decimals are stored as given. */
export interface MongoColumnValueTypes extends Omit<ColumnValueTypes, "bigIncrements" | "bigint" | "decimal"> {
  bigIncrements: number;
  bigint: number;
  decimal: number;
}

export type StoreName = "sql" | "mongo";
type TypesOf<St> = St extends "mongo" ? MongoColumnValueTypes : ColumnValueTypes;

/**
 * An enum column's values when the descriptor carries them (`options.values` or `values`, whichever
 * the DSL uses): their union; otherwise never.
 */
type EnumValues<D> = D extends { readonly options: { readonly values: readonly (infer V)[] } }
  ? V
  : D extends { readonly values: readonly (infer V)[] }
    ? V
    : never;

/**
 * The shapes the conditional types below test against, declared once at the top level: an object
 * type written inside a generic type is instantiated again for every column it is checked with
 * (measured: a quarter of the first query site's instantiations), one declared here never is. Tests on the
 * `type` property need no `infer` of the whole descriptor either.
 */
interface ColumnEntry {
  readonly __eloquent: "column";
}
interface EnumColumn {
  readonly type: "enum";
}
interface NullableColumn {
  readonly options: { readonly nullable: true };
}
interface GeneratedKeyColumn {
  readonly type: "increments" | "bigIncrements";
}
interface DefaultColumn {
  readonly options: { readonly default: unknown };
}
interface DefaultNowColumn {
  readonly options: { readonly defaultNow: true };
}
interface GeneratedPrimaryColumn {
  readonly type: "uuid" | "ulid" | "objectId";
  readonly options: { readonly primary: true };
}

/** The value type of one column descriptor (before nullability). */
export type ColumnValue<D, St = "sql"> = D extends ColumnEntry
  ? D extends EnumColumn
    ? [EnumValues<D>] extends [never]
      ? string
      : EnumValues<D>
    : D extends { readonly type: infer T }
      ? T extends keyof TypesOf<St>
        ? TypesOf<St>[T]
        : unknown
      : unknown
  : unknown;

/** `nullable: true` columns read as `T | null`. */
export type IsNullable<D> = D extends NullableColumn ? true : false;

/**
 * Columns the store fills when an insert omits them: keys it generates, declared defaults,
 * nullable columns (NULL), timestamp defaults. They are optional on create.
 */
export type HasInsertDefault<D> = D extends ColumnEntry
  ? D extends GeneratedKeyColumn | NullableColumn | DefaultColumn | DefaultNowColumn | GeneratedPrimaryColumn
    ? true
    : false
  : true;
