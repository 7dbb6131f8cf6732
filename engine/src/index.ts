/**
 * eloquent's relation rule engine: model graph in, every diagnostic out.
 * Pure — no TypeScript, ESLint or database dependency — so every front can load it.
 */
export * from "./graph/graph";
export * from "./diagnostic";
export * from "./rule";
export { checkGraph, type CheckOptions } from "./check";
export { RULES, ruleById } from "./rules";
export { ModelIndex, effectiveMorphName, modelTable, type ModelInfo, type ColumnInfo, type MorphParent, type KnownTable } from "./resolve/model-index";
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
  morphColumns,
  morphTypeValue,
  DEFAULT_PRIMARY_KEY,
} from "./resolve/conventions";
export { didYouMean, editDistance, Suggester } from "./suggest";
export { keyTypesCompatible, foreignKeyColumnType } from "./resolve/key-types";
export { compareDiagnostics } from "./check";
export { SpanResolver } from "./graph/spans";
export { describeRelationKeys, keyOwner, type KeyOption, type KeyOwner, type RelationKey, type RelationKeys } from "./resolve/relation-keys";
export { RELATION_KINDS, RELATION_OPTION_KEYS, OPTION_KEYS_BY_KIND, optionKeysFor, type RelationKind } from "./vocabulary";
export * from "./dsl";
export { ruleDocsUrl, RULES_DOC_URL } from "./docs";
export { seedImplicitPivot, usesSeedImplicitPivot, type ImplicitPivot } from "./resolve/seed-pivot";
