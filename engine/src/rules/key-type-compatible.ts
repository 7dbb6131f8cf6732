import type { RelationNode } from "../graph/graph";
import { foreignKeyColumnType, keyFamily, keyTypesCompatible } from "../resolve/key-types";
import { describeKey, keyNode, targetModel, type ResolvedKey } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { ModelInfo } from "../resolve/model-index";
import type { Rule, RuleContext } from "../rule";
import { kindOf, stringOption } from "../graph/values";
import type { NodeRef } from "../diagnostic";
import { eachRelation, STORE_LABEL, subject } from "../graph/walk";

interface Side {
  model: ModelInfo;
  key: ResolvedKey;
}

export const keyTypeCompatible: Rule = {
  id: "key-type-compatible",
  code: "ELQ205",
  defaultSeverity: "warning",
  description: "A foreign-key column's type can hold the referenced key (no int against uuid/string, no SQL int against a Mongo ObjectId).",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      const target = targetModel(index, relation);
      const keys = describeRelationKeys(index, model, relation);
      if (kind === "belongsTo" && target) {
        const { foreignKey: fk, ownerKey: owner } = keys;
        if (fk && owner) compare(context, model, relation, { model, key: fk }, { model: target, key: owner });
      } else if ((kind === "hasOne" || kind === "hasMany") && target) {
        const { foreignKey: fk, localKey: local } = keys;
        if (fk && local) compare(context, model, relation, { model: target, key: fk }, { model, key: local });
      } else if ((kind === "morphOne" || kind === "morphMany") && target) {
        if (stringOption(relation, "morphName") === undefined || keys.localKey === undefined) return;
        if (keys.morphId) compare(context, model, relation, { model: target, key: keys.morphId }, { model, key: keys.localKey });
      } else if (kind === "morphTo") {
        const morphName = stringOption(relation, "morphName");
        const id = keys.morphId;
        if (morphName === undefined || id === undefined) return;
        // Every parent pointing here must fit the one id column; report the first misfit only.
        for (const parent of index.morphParentsOf(model.name, morphName)) {
          const local = describeRelationKeys(index, parent.model, parent.relation).localKey;
          if (local && compare(context, model, relation, { model, key: id }, { model: parent.model, key: local }, false)) return;
        }
      }
    });
  },
};

/** Reports when `fk` cannot hold `ref`'s values; true when it reported. */
function compare(context: RuleContext, model: ModelInfo, relation: RelationNode, fk: Side, ref: Side, refOnRelation = true): boolean {
  const fkType = fk.model.columns.get(fk.key.name)?.type;
  const refType = ref.model.columns.get(ref.key.name)?.type;
  if (fkType === undefined || refType === undefined || keyTypesCompatible(fkType, refType)) return false;
  // A SQL morph id column is shared by parents with different key types, so a string column
  // holding integer ids is the usual design (SQL compares them after a cast); MongoDB does not.
  if (fk.model.store === "sql" && isMorph(relation) && keyFamily(fkType) === "string" && keyFamily(refType) === "integer") return false;
  const crossStore =
    fk.model.store !== ref.model.store
      ? ` (${STORE_LABEL[fk.model.store]} ${fk.model.name} against ${STORE_LABEL[ref.model.store]} ${ref.model.name})`
      : "";
  // Point at the option that names a key when one is written on this relation, else at the target.
  const node: NodeRef = !fk.key.inferred
    ? keyNode(model.name, relation, fk.key)
    : refOnRelation && !ref.key.inferred
      ? keyNode(model.name, relation, ref.key)
      : kindOf(relation) === "morphTo"
        ? { model: model.name, relation: relation.name, part: "option-value", option: "morphName" }
        : { model: model.name, relation: relation.name, part: "target" };
  context.report({
    message: `${subject(model, relation)}: ${describeKey(fk.key)} is ${fkType} on ${fk.model.name}, but ${describeKey(ref.key)} is ${refType} on ${ref.model.name}${crossStore}; ${mismatchReason(fkType, refType)}.`,
    hint: `Declare ${fk.model.name}.${fk.key.name} as column("${foreignKeyColumnType(refType, fk.model.store)}") so it holds ${ref.model.name}.${ref.key.name} values.`,
    node,
  });
  return true;
}

function mismatchReason(a: string, b: string): string {
  const families = new Set([keyFamily(a), keyFamily(b)]);
  if (families.has("objectId")) return "an ObjectId never equals a number";
  if (a === "uuid" || b === "uuid") return "a uuid never equals an integer";
  if (families.has("integer") && families.has("string")) {
    return "lookups compare numbers with strings, which SQL databases coerce inconsistently and MongoDB never matches";
  }
  return "these column types cannot hold the same key values";
}

function isMorph(relation: RelationNode): boolean {
  const kind = kindOf(relation);
  return kind === "morphTo" || kind === "morphOne" || kind === "morphMany";
}
