import { columnType, requireColumn } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { eachRelationToModel, subject } from "../graph/walk";

export const hasForeignKey: Rule = {
  id: "has-foreign-key",
  code: "ELQ203",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description: "A hasOne/hasMany's foreignKey (explicit, or inferred '<snake declaring model>_id') is a column of the target model.",
  check(context) {
    const { index } = context;
    eachRelationToModel(index, ["hasOne", "hasMany"], (model, relation, _kind, target) => {
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
