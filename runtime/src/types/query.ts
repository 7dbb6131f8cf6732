/**
 * Typing of the query builders: the argument types of with/withCount/where/select/pluck, and how a
 * builder's result model changes (`Rebind`). Store-neutral: each builder names its own rebound type
 * through the type-only `~rebound` member (see BaseQuery).
 */
import type { Model } from "../model/model";
import type { QueryConstraint } from "../relations/adapter";
import type { EagerSpec } from "../relations/eager";
import type { SchemaAttributes, SchemaOf, StoreOf } from "./attributes";
import type { ClassLink, LinkedClass, ModelOf } from "./model-of";
import type { RelationKeys, TargetClass } from "./relations";
import type { Scoped } from "../model/scopes";
import type { SqlQuery } from "../sql/sql-query";
import type { MongoQuery } from "../mongo/mongo-query";
import type { SqlModelBase } from "../sql/sql-model";
import type { MongoModelBase } from "../mongo/mongo-model";

/** The query a model class's constraint callbacks receive (`with({ posts: q => ... })`). */
export type QueryFor<C> = C extends { readonly store: "mongo" }
  ? ModelOf<C> extends infer M extends MongoModelBase
    ? Scoped<C, MongoQuery<M, SchemaOf<C>>>
    : ModelOf<C>
  : ModelOf<C> extends infer M extends SqlModelBase
    ? Scoped<C, SqlQuery<M, SchemaOf<C>>>
    : ModelOf<C>;

/** How deep eager paths are checked segment by segment (deeper segments are any relation name). */
type MaxDepth = 4;

/** Eager-load paths of a schema, every segment checked when the target is registered. */
export type EagerPath<S, Depth extends unknown[] = []> = string extends keyof S
  ? string
  : {
      [K in RelationKeys<S>]:
        | K
        | (Depth["length"] extends MaxDepth
            ? `${K}.${string}`
            : TargetClass<S, K> extends infer C
              ? [C] extends [undefined]
                ? `${K}.${string}`
                : `${K}.${EagerPath<SchemaOf<C>, [...Depth, unknown]>}`
              : never);
    }[RelationKeys<S>];

/** A constraint callback on relation K: typed as the target's query when the target is registered. */
export type ConstraintOn<S, K> =
  TargetClass<S, K> extends infer C ? ([C] extends [undefined] ? QueryConstraint : (query: QueryFor<C>) => unknown) : QueryConstraint;

/** One with()/load() argument. */
export type WithArg<S> =
  | EagerPath<S>
  | readonly EagerPath<S>[]
  | { readonly [K in EagerPath<S>]?: (K extends RelationKeys<S> ? ConstraintOn<S, K> : QueryConstraint) | true | EagerSpec };

/** One withCount() argument: a relation, optionally aliased, or an object of constraints. */
export type CountArg<S> = string extends keyof S
  ? string | Readonly<Record<string, QueryConstraint | true>>
  : | RelationKeys<S>
    | `${RelationKeys<S>} as ${string}`
    | {
        readonly [K in RelationKeys<S> | `${RelationKeys<S>} as ${string}`]?:
          ConstraintOn<S, K extends `${infer R} as ${string}` ? R : K> | true;
      };

/** The same builder over another result model (scope methods kept; they return the unnarrowed builder). */
export type Rebind<Q, M2> = Q extends { readonly "~rebound"?: unknown }
  ? NonNullable<(Q & { readonly "~model"?: M2 })["~rebound"]> extends infer R
    ? // only a model with local scopes has members beyond the builder's: skip the Omit otherwise (type-check time)
      Exclude<keyof Q, keyof R> extends never
      ? R
      : R & Omit<Q, keyof R>
    : never
  : Q;

/** An attribute's read type on a result model (`unknown` when the model is untyped). */
export type AttributeValue<M, K> = K extends keyof M ? M[K] : unknown;

/**
 * A where() value for an attribute: its type (dates also as strings) or null. `undefined` is accepted
 * too: hand-written Attrs type every attribute `T | undefined`, and the run time names the mistake.
 */
export type WhereValue<M, K> = [K] extends [never]
  ? unknown // a column cast away (`"x" as never`): the run time checks it
  : unknown extends AttributeValue<M, K>
    ? unknown
    : (AttributeValue<M, K> extends infer V ? (V extends Date ? Date | string : V) : never) | null | undefined;

/** An ObjectId (the driver's or bson's): objectId and string key columns accept it as well as its hex string. */
export interface ObjectIdLike {
  toHexString(): string;
}

/**
 * A Mongo where() value: as WhereValue, and string columns also take numbers and ObjectIds — keys from
 * other stores, which the Mongo layer compares in every key form (mongo-values.ts).
 */
export type MongoWhereValue<M, K> =
  WhereValue<M, K> | (unknown extends AttributeValue<M, K> ? never : string extends AttributeValue<M, K> ? number | ObjectIdLike : never);

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
