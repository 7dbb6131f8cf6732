/**
 * Typing of the query builders: the argument types of with/withCount/where/select/pluck, and how a
 * builder's result model changes (`Rebind`). Store-neutral: each store adds its builder class to
 * `QueryBuilders` and tags its builders with that key (the type-only `~store`, see BaseQuery).
 */
import type { Model } from "../model/model";
import type { Column } from "../model/base-query";
import type { QueryConstraint } from "../relations/adapter";
import type { EagerSpec } from "../relations/eager";
import type { AttrsDisagreeWithSchema, ReadValue, SchemaAttributes, SchemaOf, StoreOf } from "./attributes";
import type { ClassLink, Drift, LinkedClass, OptOutModelBase, TypedModel } from "./model-of";
import type { RelationKeys, TargetClass } from "./relations";
import type { ScopeMethods, Scoped } from "../model/scopes";
import type { SqlQuery } from "../sql/sql-query";
import type { MongoQuery } from "../mongo/mongo-query";
import type { SqlModelBase } from "../sql/sql-model";
import type { MongoModelBase } from "../mongo/mongo-model";

/** The query a model class's constraint callbacks receive (`with({ posts: q => ... })`). */
export type QueryFor<C> = C extends abstract new (...args: any) => any
  ? [Drift<C>] extends [never]
    ? C extends { readonly store: "mongo" }
      ? Scoped<C, MongoQuery<TypedModel<C>, SchemaOf<C>> & OptOutModelBase<C, MongoModelBase>>
      : Scoped<C, SqlQuery<TypedModel<C>, SchemaOf<C>> & OptOutModelBase<C, SqlModelBase>>
    : AttrsDisagreeWithSchema<Drift<C>>
  : QueryConstraint;

/**
 * Eager-load paths of a schema as the parameter types check them: the first segment is one of the
 * schema's relations. The nested segments are the engine's to check (rule relation-path, reported in
 * the editor, by `tspc`, ESLint and `eloquent check`): spelling every path of the model graph out as
 * a type grows with the graph at every call site, which made type checking several times slower.
 */
export type EagerPath<S> = string extends keyof S ? string : RelationKeys<S> | `${RelationKeys<S>}.${string}`;

/** A constraint callback on relation K: typed as the target's query when the target is registered. */
export type ConstraintOn<S, K> =
  TargetClass<S, K> extends infer C ? ([C] extends [undefined] ? QueryConstraint : (query: QueryFor<C>) => unknown) : QueryConstraint;

/** A relation with the columns to select: `"posts:id,title,user_id"`. */
export type ColumnSelection<S> = string extends keyof S ? string : `${RelationKeys<S>}:${string}`;

/** One with()/load() argument. */
export type WithArg<S> =
  | EagerPath<S>
  | ColumnSelection<S>
  | readonly (EagerPath<S> | ColumnSelection<S>)[]
  // One mapped type, not an intersection of two: TypeScript reduces every intersection in a union
  // (each with() call's argument type), which computed every relation's constraint type, and so the
  // target models' query types, even for a string argument (90 instantiations per with() call).
  | {
      readonly [K in RelationKeys<S> | `${RelationKeys<S>}.${string}`]?:
        (K extends RelationKeys<S> ? ConstraintOn<S, K> : QueryConstraint) | true | EagerSpec;
    };

/** One withCount() argument: a relation, optionally aliased, or an object of constraints. */
export type CountArg<S> = string extends keyof S
  ? string | Readonly<Record<string, QueryConstraint | true>>
  : | RelationKeys<S>
    | `${RelationKeys<S>} as ${string}`
    | {
        readonly [K in RelationKeys<S> | `${RelationKeys<S>} as ${string}`]?:
          ConstraintOn<S, K extends `${infer R} as ${string}` ? R : K> | true;
      };

/**
 * Each store's builder class over result model M and schema S, keyed by the store's `~store` tag
 * (sql-query.ts and mongo-query.ts add theirs), so `Rebind` can name the same builder over another
 * model without knowing the stores.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- filled in by the stores (declaration merging), whose entries use M and S
export interface QueryBuilders<M, S> {}

/** A builder `Rebind` can name over another model: its tags (BaseQuery declares them, each store narrows `~store`). */
interface Rebindable {
  readonly "~store"?: keyof QueryBuilders<unknown, unknown>;
  readonly "~schema"?: unknown;
  readonly "~model"?: unknown;
}

/**
 * The same builder over another result model (scope methods kept; they return the unnarrowed builder).
 * It reads the builder's tags (`~store`, `~schema`) instead of intersecting the builder with a new
 * `~model`: an intersection with a builder makes TypeScript re-create every builder member (about
 * 150) as an intersection member, for each result type. The tags are tested against a fixed
 * interface and then indexed, not inferred: an inferred `~schema` would put the schema literal in
 * the test's object type, which TypeScript copies twice per model. `~model` carries the model base
 * an opted-out class's results keep (OptOutModelBase).
 */
export type Rebind<Q, M2> = Q extends Rebindable
  ? Rescoped<Q, QueryBuilders<M2 & NonNullable<Q["~model"]>, NonNullable<Q["~schema"]>>[NonNullable<Q["~store"]>]>
  : Q;
/** A scoped builder's scope methods, found through their brand (no comparison of the builder's members). */
type Rescoped<Q, R> = Q extends { readonly "~scopesOf": infer C } ? R & ScopeMethods<C, R> : R;

/** An attribute's read type on a result model (`unknown` when the model is untyped). */
export type AttributeValue<M, K> = K extends keyof M ? M[K] : unknown;

/**
 * A where() value for column K of schema S: the column's type as stored (a custom cast's type is no
 * where() value: Laravel's where compares stored values too), dates also as strings, or null.
 * `undefined` is accepted too: hand-written Attrs type every attribute `T | undefined`, and the run
 * time names the mistake. Read off the schema, not the model type: one indexed access per call.
 */
export type WhereValue<S, K, St = "sql"> = [K] extends [never]
  ? unknown // a column cast away (`"x" as never`): the run time checks it
  : string extends keyof S
    ? unknown
    : K extends keyof S
      ? StoredWhereValue<ReadValue<S[K], St>>
      : K extends "created_at" | "updated_at" | "deleted_at"
        ? Date | string | null | undefined
        : unknown;
type StoredWhereValue<V> = unknown extends V ? unknown : (V extends Date ? Date | string : V) | null | undefined;

/**
 * The where() value of every column of schema S, as one mapped type per schema. A where signature
 * reads it by index (`WhereValueIn<WhereValues<S>, K>`): with WhereValue<S, K> in the signature, each builder
 * type the method is looked up on instantiated WhereValue's conditional chain for its own copy of K,
 * and the call inferred into it (bench/types: a fifth of a where() call's instantiations). A
 * non-literal schema's table is an index signature of `unknown`.
 */
export type WhereValues<S> = { readonly [K in Column<S>]: WhereValue<S, K> };

/** An ObjectId (the driver's or bson's): objectId and string key columns accept it as well as its hex string. */
export interface ObjectIdLike {
  toHexString(): string;
}

/**
 * A Mongo where() value: as WhereValue, and string columns also take numbers and ObjectIds — keys from
 * other stores, which the Mongo layer compares in every key form (mongo-values.ts).
 */
export type MongoWhereValue<S, K> =
  | WhereValue<S, K, "mongo">
  | (string extends keyof S
      ? never
      : K extends keyof S
        ? string extends ReadValue<S[K], "mongo">
          ? number | ObjectIdLike
          : never
        : never);

/** A where() value of column K in a WhereValues table; `unknown` for a column cast away (`"x" as never`: the run time checks it). */
export type WhereValueIn<T, K extends keyof T> = T[K] | ([K] extends [never] ? unknown : never);

/** WhereValues for a Mongo schema: MongoWhereValue per column, `id` included. */
export type MongoWhereValues<S> = { readonly [K in Column<S> | "id"]: MongoWhereValue<S, K> };

/** Comparison operators where() accepts (case-insensitive at run time). */
export type ComparisonOperator = "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=";
/** Pattern operators: their value is a pattern string. */
export type PatternOperator = "like" | "not like" | "ilike" | "LIKE" | "NOT LIKE" | "ILIKE";

/** The result model of `select(...columns)`: the class's instance with only those attributes typed. */
export type Selected<M, K extends string> =
  LinkedClass<M> extends infer C
    ? [C] extends [undefined]
      ? M
      : (C extends abstract new (...args: any) => infer I ? I : Model) &
          Pick<SchemaAttributes<SchemaOf<C>, StoreOf<C>>, K & keyof SchemaAttributes<SchemaOf<C>, StoreOf<C>>> &
          ClassLink<C>
    : M;
