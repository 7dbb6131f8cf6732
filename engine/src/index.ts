/**
 * eloquent's relation rule engine: model graph in, every diagnostic out.
 * Pure — no TypeScript, ESLint or database dependency — so every front can load it.
 */
export * from "./graph/graph";
export * from "./diagnostic";
export * from "./rule";
export { checkGraph, checkDatabase, type CheckOptions } from "./check";
export * from "./database";
export { RULES, ruleById } from "./rules";
export {
  ModelIndex,
  effectiveMorphName,
  modelTable,
  type ModelInfo,
  type ColumnInfo,
  type MorphParent,
  type KnownTable,
} from "./resolve/model-index";
export * as conventions from "./resolve/conventions";
export {
  snakeCase,
  pluralize,
  defaultTableName,
  inferBelongsToForeignKey,
  inferHasForeignKey,
  inferMongoReferenceArray,
  inferPivotKey,
  defaultPivotTable,
  defaultMorphPivotTable,
  morphColumns,
  morphTypeValue,
  mongoIdType,
  aggregateAttribute,
} from "./resolve/conventions";
export { didYouMean, didYouMeanText, editDistance, suggestionLimit, Suggester, type Match } from "./suggest";
export {
  resolveModelName,
  resolveTable,
  resolveConnection,
  resolvePrimaryKey,
  defaultPrimaryKey,
  describeTableSource,
  type ResolvedTable,
  type TableSource,
  type PrimaryKeyCandidate,
} from "./resolve/model";
export { keyOptionNames, mongoBelongsToManyMode, resolveMorphName, type MongoBelongsToManyMode } from "./resolve/relation-modes";
export {
  RELATION_PATH_RULE,
  RELATION_PATH_METHODS,
  checkRelationPath,
  modelsByName,
  pathStart,
  stripPathAlias,
  stripPathColumns,
  unknownRelationText,
  type PathSegment,
  type ResolvedPath,
  type RelationPathSite,
} from "./rules/relation-path";
export { keyFamily, keyTypesCompatible, foreignKeyColumnType, type KeyFamily } from "./resolve/key-types";
export { compareDiagnostics } from "./check";
export { SpanResolver } from "./graph/spans";
export {
  describeRelationKeys,
  keyOwner,
  keyOptionsOf,
  conventionalKey,
  isThroughKind,
  isMorphPivotKind,
  throughOf,
  relationPivotTable,
  pivotTableOf,
  pivotTableConflict,
  usingOf,
  type KeyConventionInput,
  type KeyOption,
  type KeyOwner,
  type RelationKey,
  type RelationKeys,
} from "./resolve/relation-keys";
export {
  inverseRelationSuggestion,
  resolveInverseRelation,
  type InverseCandidate,
  type InverseOwnerSide,
  type InverseResolution,
} from "./resolve/inverse-relation";
export { RELATION_KINDS, RELATION_OPTION_KEYS, OPTION_KEYS_BY_KIND, optionKeysFor, type RelationKind } from "./vocabulary";
export { TO_MANY_KINDS, type ToManyKind, type PivotKind } from "./dsl/relation";
export * from "./dsl";
export { ruleDocsUrl, RULES_DOC_URL } from "./docs";
export * from "./config";
export { seedImplicitPivot, usesSeedImplicitPivot, type ImplicitPivot } from "./resolve/seed-pivot";
