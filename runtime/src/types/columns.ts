/**
 * Column type → the TypeScript type its attribute reads as, keyed by the DSL's type name. A column
 * type added to the DSL is typed by adding one line here (a type not listed reads as `unknown`).
 * The values follow the read casts (model/casts.ts, mongo/documents.ts).
 */
import type { ColumnDescriptor } from "eloquent-engine";

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

/** The value type of one column descriptor (before nullability). */
export type ColumnValue<D, St = "sql"> =
  D extends ColumnDescriptor<infer T>
    ? T extends "enum"
      ? [EnumValues<D>] extends [never]
        ? string
        : EnumValues<D>
      : T extends keyof TypesOf<St>
        ? TypesOf<St>[T]
        : unknown
    : unknown;

/** `nullable: true` columns read as `T | null`. */
export type IsNullable<D> = D extends { readonly options: { readonly nullable: true } } ? true : false;

/**
 * Columns the store fills when an insert omits them: keys it generates, declared defaults,
 * nullable columns (NULL), timestamp defaults. They are optional on create.
 */
export type HasInsertDefault<D> =
  D extends ColumnDescriptor<infer T>
    ? T extends "increments" | "bigIncrements"
      ? true
      : D extends { readonly options: { readonly nullable: true } }
        ? true
        : D extends { readonly options: { readonly default: unknown } }
          ? true
          : D extends { readonly options: { readonly defaultNow: true } }
            ? true
            : D extends { readonly options: { readonly primary: true } }
              ? T extends "uuid" | "ulid" | "objectId"
                ? true
                : false
              : false
    : true;
