/** Store-neutral model layer (`eloquent-orm/Model`). */
export { Model, loadMissingRelations, loadRelationCounts, loadRelations, type AggregateRelations, type PivotValues } from "./model";
export { hydrate, hydrateAll, castRow } from "./hydrate";
export { modelMeta, resetModelMeta, type ModelMeta } from "./meta";
export { findModel, knownModelNames, rememberModel } from "./lookup";
export { readCastFor, type ReadCast } from "./casts";
export { EloquentError, ModelNotFoundError, MultipleRecordsFoundError, RelationNotLoadedError, didYouMean } from "./errors";
export type { ModelClass, SchemaShape, RelationNames, ColumnNames, RelationPath, Store } from "./types";
export {
  RelationQuery,
  type EagerSpec,
  type SyncResult,
  type PivotInput,
  type PivotWhereQuery,
  type StoreAdapter,
  type QueryConstraint,
} from "../relations";
export { MODEL_EVENTS, clearListeners, type ModelEvent, type ModelListener, type ModelObserver } from "./events";
export { MassAssignmentError } from "./mass-assignment";
export { morphMap, type MorphMapInput } from "./morph-map";
export { isUniqueViolation } from "./find-or-write";
export { installLifecycle } from "./lifecycle";
export type { AttributeAccessor, CastsAttributes, CastDefinition } from "./attribute-casts";
export { type ScopeMethods, type Scoped, type GlobalScopeName } from "./scopes";
