/** eloquent-orm: the schema DSL, model registration (validated by the rule engine) and the runtimes. */
// The schema DSL lives in the engine (the static checkers read the same vocabulary); the ORM re-exports it.
export {
  column,
  relation,
  isColumnDescriptor,
  isRelationDescriptor,
  COLUMN_TYPES,
  COLUMN_OPTION_KEYS,
  RELATION_KINDS,
  RELATION_OPTION_KEYS,
  type ColumnType,
  type ColumnOptions,
  type ColumnDescriptor,
  type ReferentialAction,
  type ForeignKeyMeta,
  type IndexMeta,
  type TableMeta,
  type DatabaseMeta,
  type RelationKind,
  type HasOptions,
  type BelongsToOptions,
  type BelongsToManyOptions,
  type MorphManyOptions,
  type MorphToOptions,
  type HasOneOptions,
  type MorphOneOptions,
  type OneOfManyOptions,
  type ThroughOptions,
  type MorphToManyOptions,
  type RelationOptionsByKind,
  type RelationOptions,
  type RelationOptionKey,
  type RelationDescriptor,
  type NullableOption,
  type DefaultOption,
  type DefaultNowOption,
  type PrimaryOption,
  type ValuesOption,
  type PivotColumnsOption,
  type ColumnOptionFacts,
  type RelationOptionFacts,
  checkGraph,
  RULES,
  type Diagnostic,
  type Severity,
  type Suggestion,
  type ModelGraph,
} from "eloquent-engine";
export * from "./registry";
export type * from "./types";
export * from "./model";
export * from "./sql";
export * from "./mongo";
// Thrown for a relation that cannot be resolved or used that way (unknown relation, missing through model, ...).
export { RelationError } from "./relations/resolve";
// Laravel's Collection::loadMorph / loadMorphCount: nested loads per parent type of a morphTo.
export { loadMorph, loadMorphCount } from "./relations/morph-loading";
// `tag.pivot` of a many-to-many without `using`: the row, with save() / fresh() / refresh() / delete().
export { PivotRow } from "./relations/pivot-row";
// Laravel's Collection::loadMissing / loadCount, as functions of a list of models (also exported as loadMissingRelations / loadRelationCounts).
export { loadMissingRelations as loadMissing, loadRelationCounts as loadCount } from "./model/model";
// The seed package's extra names (validate, mixin, BaseModel, CoreModel, MorphableMixin, its types), so its
// code also runs through a plain npm alias of eloquent-orm; the seed entry (./seed) adds its conventions.
export {
  validate,
  mixin,
  SEED_MIXINS,
  type ValidationRule,
  type MixinName,
  type MixinDescriptor,
  type SeedSchemaEntry,
} from "eloquent-engine";
export * from "./compat/seed-api";
import "./install-lifecycle"; // model events and change tracking on MongoModel (the SQL base installs its own)
