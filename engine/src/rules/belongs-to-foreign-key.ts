import { columnType, requireColumn, targetModel } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { eachRelation, subject } from "../graph/walk";

export const belongsToForeignKey: Rule = {
  id: "belongs-to-foreign-key",
  code: "ELQ201",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description: "A belongsTo's foreignKey (explicit, or inferred '<snake target>_id') is a column of the declaring model.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "belongsTo") return;
      const target = targetModel(index, relation);
      // Without a declared target only an explicit key can be checked (the target rule reports the rest).
      const keys = describeRelationKeys(index, model, relation);
      const key = keys.foreignKey;
      if (key === undefined) return;
      const ownerKey = target ? keys.ownerKey : undefined;
      requireColumn(context, {
        owner: model,
        key,
        model,
        relation,
        referencedType: target && ownerKey ? columnType(target, ownerKey.name) : undefined,
        subject: subject(model, relation),
      });
    });
  },
};
