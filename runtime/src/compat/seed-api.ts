/**
 * What the seed package (`@alpha.consultings/eloquent-orm.js`) exports beyond this runtime's own API, so its
 * users' code compiles and runs unchanged: `BaseModel` / `CoreModel` (SQL models here; the store comes from
 * `SqlModel`/`MongoModel`, the seed's connection-driven base is SQL), the identity mixin factories
 * (morphs, pivots, casts, soft deletes … are built in), and the seed's type names.
 */
import { SqlModel } from "../sql";
import type {
  ColumnDescriptor,
  ColumnType,
  MixinDescriptor,
  MixinName,
  RelationDescriptor,
  RelationKind,
  RelationOptionsByKind,
  ValidationRule,
} from "eloquent-engine";
import { installRelationHelpers } from "./relation-methods";

installRelationHelpers();

/** The seed's BaseModel: here the SQL model base (relation helpers, `with()`, `load()` included). */
export const BaseModel = SqlModel;
export type BaseModel<A extends object = Record<string, unknown>> = SqlModel<A>;
/** The seed's CoreModel (BaseModel's root there): the same SQL model base here. */
export const CoreModel = SqlModel;
export type CoreModel<A extends object = Record<string, unknown>> = SqlModel<A>;

/** `MorphableMixin(BaseModel)`: morph relations are built into every model, so the base is returned as is. */
export function MorphableMixin<B>(Base: B): B {
  return Base;
}
/** `PivotHelperMixin(Base)`: attach/detach/sync are built into belongsToMany, so the base is returned as is. */
export function PivotHelperMixin<B>(Base: B): B {
  return Base;
}
/** The seed's marker interface for morphable models (no members are required here). */
export type MorphableBaseModel = object;

/** The seed's attribute typing: `interface User extends ModelInstance<UserAttrs> {}`. */
export type ModelAttrs<TAttrs extends object> = { [K in keyof TAttrs]: TAttrs[K] };
export type ModelInstance<TAttrs extends object> = ModelAttrs<TAttrs>;
export type ORMRecord = Record<string, unknown>;

/** The seed's schema type names, as this runtime's descriptors. */
export type RelationType = RelationKind;
export type ColumnDefinition = ColumnDescriptor & { readonly validate?: ValidationRule };
export type RelationDefinition = RelationDescriptor;
export type MixinDefinition =
  MixinDescriptor | (ColumnDescriptor<"softDeletes"> & { readonly kind: "mixin"; readonly name: "SoftDeletes" });
/**
 * One `static schema` entry in any form the seed accepts: a descriptor, or the object literal its generators
 * emit (`{ kind: "relation", relation: "belongsTo", model: "User", options: {...} }`).
 */
export type SchemaField =
  | ColumnDefinition
  | RelationDefinition
  | MixinDefinition
  | { kind: "relation"; relation: RelationKind; model?: string; options?: RelationOptionsByKind[RelationKind] }
  | { kind: "column"; type: ColumnType; options?: Record<string, unknown>; validate?: ValidationRule }
  | { kind: "mixin"; name: MixinName };
export type { ColumnType, MixinName, ValidationRule };
/** Keeps the helpers' typing (`this.hasMany(...)` inside relation methods) in every program using the seed entry. */
export type { SeedRelationHelpers } from "./relation-methods";
