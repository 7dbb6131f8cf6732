/** Every rule, in code order. One file per rule. */
import type { Rule } from "../rule";
import { belongsToForeignKey } from "./belongs-to-foreign-key";
import { belongsToOwnerKey } from "./belongs-to-owner-key";
import { cannotVerify } from "./cannot-verify";
import { columnDefinition } from "./column-definition";
import { constraintColumns } from "./constraint-columns";
import { crossStoreRelation } from "./cross-store-relation";
import { databaseMetadata } from "./database-metadata";
import { hasForeignKey } from "./has-foreign-key";
import { hasLocalKey } from "./has-local-key";
import { internalError } from "./internal-error";
import { inverseConsistency } from "./inverse-consistency";
import { keyTypeCompatible } from "./key-type-compatible";
import { mongoBelongsToMany } from "./mongo-belongs-to-many";
import { mongoReferenceArray } from "./mongo-reference-array";
import { modelStore } from "./model-store";
import { morphAliasUnique } from "./morph-alias-unique";
import { morphColumns } from "./morph-columns";
import { morphName } from "./morph-name";
import { morphPivotColumns } from "./morph-pivot-columns";
import { oneOfManyColumn } from "./one-of-many-column";
import { morphToParents } from "./morph-to-parents";
import { morphToTarget } from "./morph-to-target";
import { morphWithoutInverse } from "./morph-without-inverse";
import { nameClash } from "./name-clash";
import { optionValueType } from "./option-value-type";
import { pivotColumns } from "./pivot-columns";
import { pivotMetadata } from "./pivot-metadata";
import { pivotUsing } from "./pivot-using";
import { relationKind } from "./relation-kind";
import { relationOptions } from "./relation-options";
import { relationTargetExists } from "./relation-target-exists";
import { schemaEntry } from "./schema-entry";
import { tableClash } from "./table-clash";
import { throughKeys } from "./through-keys";
import { throughModel } from "./through-model";

export const CANNOT_VERIFY: Rule = cannotVerify;
export const INTERNAL_ERROR: Rule = internalError;

export const RULES: readonly Rule[] = Object.freeze([
  relationKind,
  relationTargetExists,
  throughModel,
  belongsToForeignKey,
  belongsToOwnerKey,
  hasForeignKey,
  hasLocalKey,
  keyTypeCompatible,
  inverseConsistency,
  throughKeys,
  oneOfManyColumn,
  pivotMetadata,
  pivotColumns,
  morphPivotColumns,
  pivotUsing,
  mongoBelongsToMany,
  mongoReferenceArray,
  morphName,
  morphColumns,
  morphToParents,
  morphToTarget,
  morphWithoutInverse,
  morphAliasUnique,
  relationOptions,
  optionValueType,
  constraintColumns,
  columnDefinition,
  schemaEntry,
  crossStoreRelation,
  databaseMetadata,
  modelStore,
  nameClash,
  tableClash,
  cannotVerify,
  internalError,
]);

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
