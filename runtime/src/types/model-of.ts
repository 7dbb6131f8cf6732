/**
 * `ModelOf<typeof User>`: what a static read of User returns — the instance type, the attributes
 * inferred from `static schema`, and a type-only link back to the class (so `related`, `load` and
 * the relation types can find the schema from an instance).
 */
import type { Model } from "../model/model";
import type {
  AttrsDisagreeWithSchema,
  AttrsDrift,
  AttrsOfInstance,
  HasDeclaredAttrs,
  IsLiteralSchema,
  SchemaAttributes,
  SchemaCreateInput,
  SchemaOf,
  SchemaUpdateInput,
  StoreOf,
} from "./attributes";

/** Type-only key of the class link (no such property exists at run time). */
export declare const modelClass: unique symbol;

/** The class an instance was read through (type-only). */
export interface ClassLink<C> {
  readonly [modelClass]?: C;
}

/** The class linked to an instance type (undefined when it was not read through a typed static). */
export type LinkedClass<M> = M extends { readonly [modelClass]?: infer C } ? (unknown extends C ? undefined : C) : undefined;

type InstanceOf<C> = C extends abstract new (...args: any) => infer M ? M : Model;

/**
 * The columns' read types a static read adds to the instance. Where a hand-written Attrs types a
 * column too, its type wins (a custom cast reads as what the cast returns), without the `undefined`
 * an optional Attrs key has: a saved model has every column.
 */
type SchemaReads<C> =
  HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends false
    ? SchemaAttributes<SchemaOf<C>, StoreOf<C>>
    : DeclaredReads<AttrsOfInstance<InstanceOf<C>>, SchemaAttributes<SchemaOf<C>, StoreOf<C>>>;
type DeclaredReads<A, R> = { [K in keyof R]: K extends keyof A ? Exclude<A[K], undefined> : R[K] };

/** The columns whose hand-written Attrs type disagrees with the schema (never when they agree or no Attrs is given). */
export type Drift<C> =
  IsLiteralSchema<SchemaOf<C>> extends false
    ? never
    : HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends false
      ? never
      : AttrsDrift<AttrsOfInstance<InstanceOf<C>>, SchemaOf<C>, StoreOf<C>>;

/**
 * The instance with the schema's attributes and the class link, always a model of its store: the
 * query types take it as it is (checking an intersection against the model base class structurally
 * would cost a comparison of every member, per model, at every query site).
 */
export type TypedModel<C extends abstract new (...args: any) => any> =
  IsLiteralSchema<SchemaOf<C>> extends false
    ? InstanceType<C>
    : // `extends SqlModel<any>` opts out of typing (its attributes read as any, as they always did)
      unknown extends AttrsOfInstance<InstanceOf<C>>
      ? InstanceType<C>
      : InstanceType<C> & SchemaReads<C> & ClassLink<C>;

/**
 * What a query of class C adds for the result models its builder rebinds (with/select/withCount). A
 * class that opts out of typing (`extends SqlModel<any>`) has an instance type with an `any` base,
 * which an intersection with loaded relations loses; its rebound results keep the store's model base
 * `B` (Rebind reads `~model`). Typed models get nothing: a second class in their result types would
 * merge every member of the two declarations again for each result type.
 */
export type OptOutModelBase<C, B> = unknown extends AttrsOfInstance<InstanceOf<C>> ? { readonly "~model"?: B } : unknown;

/** The instance type with the schema's attributes (see the module comment); the drift error type when Attrs and schema disagree. */
export type ModelOf<C> = C extends abstract new (...args: any) => any
  ? [Drift<C>] extends [never]
    ? TypedModel<C>
    : AttrsDisagreeWithSchema<Drift<C>>
  : Model;

/** `ModelOf<C>` as a model (never on drift: queries over it are the error type too). */
export type QueryModelOf<C> = C extends abstract new (...args: any) => any ? ([Drift<C>] extends [never] ? TypedModel<C> : never) : Model;

/** What `create()` accepts: the hand-written Attrs when given (as before), else the schema's columns. */
export type CreateInput<C> =
  unknown extends AttrsOfInstance<InstanceOf<C>>
    ? Record<string, unknown> // `SqlModel<any>`: untyped
    : HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends true
      ? Partial<AttrsOfInstance<InstanceOf<C>>>
      : IsLiteralSchema<SchemaOf<C>> extends true
        ? SchemaCreateInput<SchemaOf<C>, StoreOf<C>>
        : Record<string, unknown>;

/** What `update()`, `fill()` and the find-or-write statics accept: any subset of the columns. */
export type UpdateInput<C> =
  unknown extends AttrsOfInstance<InstanceOf<C>>
    ? Record<string, unknown> // `SqlModel<any>`: untyped
    : HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends true
      ? Partial<AttrsOfInstance<InstanceOf<C>>>
      : IsLiteralSchema<SchemaOf<C>> extends true
        ? SchemaUpdateInput<SchemaOf<C>, StoreOf<C>>
        : Record<string, unknown>;
