/**
 * A model's attributes inferred from its `static schema`: what a read returns (every column present,
 * `null` only on nullable columns) and what create() accepts (columns the store fills are optional).
 * A hand-written Attrs generic still wins where it is given, and is checked against the schema.
 */
import type { ColumnValue, HasInsertDefault, IsNullable, StoreName } from "./columns";

// Declared at the top level: an object type written inside a generic type is instantiated per use.
interface ColumnEntry {
  readonly __eloquent: "column";
}
interface TimestampsEntry {
  readonly type: "timestamps";
}
interface SoftDeletesEntry {
  readonly type: "softDeletes";
}
/** The markers the one walk over a schema gives its expanding entries (object types: no key can equal them). */
interface TimestampsMark {
  readonly "~entry": "timestamps";
}
interface SoftDeletesMark {
  readonly "~entry": "softDeletes";
}

/** What entry E under key K contributes: its column name, an expanding entry's marker, or nothing. */
type EntryKey<E, K> = E extends ColumnEntry
  ? E extends TimestampsEntry
    ? TimestampsMark
    : E extends SoftDeletesEntry
      ? SoftDeletesMark
      : K & string
  : never;
/**
 * The one walk over a schema's entries that the column names and the expanding entries are read
 * from (three walks before, which cost a quarter of a `query()` call's instantiations in bench/types).
 * `-?` and NonNullable: a schema built with a conditional spread has optional entries.
 */
type EntryKeys<S> = { [K in keyof S]-?: EntryKey<NonNullable<S[K]>, K> }[keyof S];

/** Column entries of a schema (the expanding `timestamps`/`softDeletes` entries excluded). */
export type DeclaredColumnKeys<S> = Extract<EntryKeys<S>, string>;

type HasTimestamps<S> = TimestampsMark extends EntryKeys<S> ? true : false;
type HasSoftDeletes<S> = SoftDeletesMark extends EntryKeys<S> ? true : false;

/** The names of the columns `timestamps` and `softDeletes` entries stand for. */
export type ExpandedColumnNames<S> = keyof ExpandedColumns<S> & string;

/** `timestamps` → created_at/updated_at, `softDeletes` → deleted_at. */
type ExpandedColumns<S> = (HasTimestamps<S> extends true ? { created_at: Date; updated_at: Date } : {}) &
  (HasSoftDeletes<S> extends true ? { deleted_at: Date | null } : {});

export type ReadValue<D, St> = ColumnValue<D, St> | (IsNullable<D> extends true ? null : never);

/** Attributes of a model read from its store: every declared column, typed by the column map. */
export type SchemaAttributes<S, St = "sql"> = { [K in DeclaredColumnKeys<S>]: ReadValue<S[K], St> } & ExpandedColumns<S>;

/** A value create()/update() accept for a column: dates also as strings (the driver parses them). */
type WriteValue<D, St> = ReadValue<D, St> extends infer V ? (V extends Date ? Date | string : V) : never;

type OptionalOnInsert<S> = { [K in DeclaredColumnKeys<S>]: HasInsertDefault<S[K]> extends true ? K : never }[DeclaredColumnKeys<S>];
type RequiredOnInsert<S, St> = St extends "mongo" ? never : Exclude<DeclaredColumnKeys<S>, OptionalOnInsert<S>>;

/**
 * What `create()` accepts: required columns, optional columns, nothing else (relations are written
 * through related()). A Mongo document may leave any field out (the store has no NOT NULL), so there
 * every column is optional.
 */
export type SchemaCreateInput<S, St = "sql"> = { [K in RequiredOnInsert<S, St>]: WriteValue<S[K], St> } & {
  // the expanded columns (timestamps, softDeletes) are optional too: one mapped type, not a third
  [K in Exclude<DeclaredColumnKeys<S>, RequiredOnInsert<S, St>> | ExpandedColumnNames<S>]?: K extends keyof S
    ? WriteValue<S[K], St>
    : K extends keyof ExpandedColumns<S>
      ? ExpandedColumns<S>[K] | string
      : never;
};

/** What `update()`/`fill()` accept: any declared column. */
export type SchemaUpdateInput<S, St = "sql"> = Partial<SchemaCreateInput<S, St> & { [K in DeclaredColumnKeys<S>]: WriteValue<S[K], St> }>;

/** Whether a class gave its own Attrs generic (the default is an index signature; `SqlModel<any>` gives none). */
export type HasDeclaredAttrs<A> = unknown extends A ? false : string extends keyof A ? false : true;

/** True when `S` is a literal schema type (not the base class's `SchemaShape`). */
export type IsLiteralSchema<S> = string extends keyof S ? false : true;

/**
 * Attrs and schema agree on a column when some value fits both (`string | number` vs `string` agrees:
 * a wider hand-written type is looser, not wrong; `number` vs `string` cannot hold one value).
 * `unknown` on either side (json columns) always agrees.
 */
type Agrees<A, B> = unknown extends A ? true : unknown extends B ? true : [A & B] extends [never] ? false : true;

/**
 * Columns whose hand-written Attrs type disagrees with the column type in the schema (Attrs keys that
 * are not columns are left alone: the seed's models list relations and computed values there).
 */
export type AttrsDrift<A, S, St = "sql"> = {
  [K in keyof A & DeclaredColumnKeys<S>]: Agrees<NonNullable<A[K]>, ColumnValue<S[K], St>> extends true
    ? never
    : { column: K; attrs: NonNullable<A[K]>; schema: ColumnValue<S[K], St> };
}[keyof A & DeclaredColumnKeys<S>];

/**
 * What a static read of a drifting model returns: a type with no members, so the first use is a
 * compile error whose hover names the column and both types.
 */
export interface AttrsDisagreeWithSchema<D> {
  readonly "eloquent: the Attrs generic disagrees with static schema (fix one of them)": D;
}

export type StoreOf<C> = C extends { readonly store: infer St extends StoreName } ? St : "sql";
/**
 * What has a `schema`. SchemaOf tests against it and indexes, instead of inferring the schema from an
 * object type: that object type, holding the schema literal, made TypeScript copy the literal twice
 * per model (the permissive and restrictive instantiations of the test).
 */
export interface SchemaHolder {
  readonly schema: unknown;
}
export type SchemaOf<C> = C extends SchemaHolder ? C["schema"] : {};
export type AttrsOfInstance<M> = M extends { getAttributes(): Partial<infer A> } ? A : Record<string, unknown>;
