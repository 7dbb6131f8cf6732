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

/** The instance type with the schema's attributes (see the module comment). */
export type ModelOf<C> =
  IsLiteralSchema<SchemaOf<C>> extends false
    ? InstanceOf<C>
    : HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends false
      ? InstanceOf<C> & SchemaAttributes<SchemaOf<C>, StoreOf<C>> & ClassLink<C>
      : [AttrsDrift<AttrsOfInstance<InstanceOf<C>>, SchemaOf<C>, StoreOf<C>>] extends [never]
        ? InstanceOf<C> & SchemaAttributes<SchemaOf<C>, StoreOf<C>> & ClassLink<C>
        : AttrsDisagreeWithSchema<AttrsDrift<AttrsOfInstance<InstanceOf<C>>, SchemaOf<C>, StoreOf<C>>>;

/** `ModelOf<C>` as a model (the drift error type is no model: queries over it are the error type too). */
export type QueryModelOf<C> = ModelOf<C> extends infer M extends Model ? M : never;

/** What `create()` accepts: the hand-written Attrs when given (as before), else the schema's columns. */
export type CreateInput<C> =
  HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends true
    ? Partial<AttrsOfInstance<InstanceOf<C>>>
    : IsLiteralSchema<SchemaOf<C>> extends true
      ? SchemaCreateInput<SchemaOf<C>, StoreOf<C>>
      : Record<string, unknown>;

/** What `update()`, `fill()` and the find-or-write statics accept: any subset of the columns. */
export type UpdateInput<C> =
  HasDeclaredAttrs<AttrsOfInstance<InstanceOf<C>>> extends true
    ? Partial<AttrsOfInstance<InstanceOf<C>>>
    : IsLiteralSchema<SchemaOf<C>> extends true
      ? SchemaUpdateInput<SchemaOf<C>, StoreOf<C>>
      : Record<string, unknown>;
