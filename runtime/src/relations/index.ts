/** Store-neutral relation layer: resolution, eager loading, lazy relation queries, pivot writes. */
export * from "./adapter";
export { keyNormalizer, distinctKeys } from "./keys";
export { resolveRelation, modelForMorphType, RelationError, type ResolvedRelation } from "./resolve";
export { RELATION_HANDLERS } from "./kinds";
export type { RelationKindHandler, RelationFetch } from "./kind";
export { addEagerPaths, eagerLoad, loadCounts, parseCountSpecs, type EagerNode, type EagerSpec } from "./eager";
export { RelationQuery } from "./relation-query";
export type { PivotInput, SyncResult } from "./pivot-ops";
export type { PivotWhereQuery } from "./pivot-queries";
export { loadMorph, loadMorphCount } from "./morph-loading";
