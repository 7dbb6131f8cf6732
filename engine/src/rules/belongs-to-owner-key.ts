import { columnType, requireColumn } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { stringOption } from "../graph/values";
import { eachRelationToModel, subject } from "../graph/walk";

export const belongsToOwnerKey: Rule = {
  id: "belongs-to-owner-key",
  code: "ELQ202",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description:
    "A belongsTo's ownerKey (explicit, or the target's primary key) is a column of the target model; so is an explicit ownerKey of belongsToMany, and of a morphTo whose target is a model.",
  check(context) {
    const { index } = context;
    eachRelationToModel(index, ["belongsTo", "belongsToMany", "morphTo"], (model, relation, kind, target) => {
      // belongsToMany and morphTo default to the target's primary key, which has-local-key and
      // belongs-to-owner-key already check from the other side: only an explicit ownerKey is new.
      const key = describeRelationKeys(index, model, relation).ownerKey;
      if (key === undefined || (key.inferred && kind !== "belongsTo")) return;
      const foreignKey = stringOption(relation, "foreignKey");
      requireColumn(context, {
        owner: target,
        key: { ...key, origin: `${target.name}'s primary key` },
        primaryKey: key.inferred,
        model,
        relation,
        referencedType: foreignKey ? columnType(model, foreignKey) : undefined,
        subject: subject(model, relation),
      });
    });
  },
};
