/**
 * eloquent's relation rule engine: model graph in, every diagnostic out.
 * Pure — no TypeScript, ESLint or database dependency — so every front can load it.
 */
export * from "./graph";
export * from "./diagnostic";
export * from "./rule";
export { checkGraph, type CheckOptions } from "./check";
export { RULES, ruleById } from "./rules";
export { ModelIndex, effectiveMorphName, modelTable, type ModelInfo, type ColumnInfo, type MorphParent, type KnownTable } from "./model-index";
export * as conventions from "./conventions";
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
} from "./conventions";
export { didYouMean, editDistance, Suggester } from "./suggest";
export { keyTypesCompatible, foreignKeyColumnType } from "./key-types";
export { compareDiagnostics } from "./check";
export { SpanResolver } from "./spans";
export { describeRelationKeys, keyOwner, type KeyOption, type KeyOwner, type RelationKey, type RelationKeys } from "./relation-keys";
export { RELATION_KINDS, RELATION_OPTION_KEYS, OPTION_KEYS_BY_KIND, optionKeysFor, type RelationKind } from "./vocabulary";
