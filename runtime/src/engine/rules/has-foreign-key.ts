import { columnType, requireColumn, targetModel } from "../keys";
import { describeRelationKeys } from "../relation-keys";
import type { Rule } from "../rule";
import { eachRelation, subject } from "../walk";

export const hasForeignKey: Rule = {
  id: "has-foreign-key",
  code: "ELQ203",
  defaultSeverity: "error",
  description: "A hasOne/hasMany's foreignKey (explicit, or inferred '<snake declaring model>_id') is a column of the target model.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "hasOne" && kind !== "hasMany") return;
      const target = targetModel(index, relation);
      if (target === undefined) return;
      const { foreignKey: key, localKey } = describeRelationKeys(index, model, relation);
      if (key === undefined) return;
      requireColumn(context, {
        owner: target,
        key,
        model,
        relation,
        referencedType: localKey ? columnType(model, localKey.name) : undefined,
        subject: subject(model, relation),
      });
    });
  },
};
