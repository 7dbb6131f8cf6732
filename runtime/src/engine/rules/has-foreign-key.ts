import { inferHasForeignKey } from "../conventions";
import { columnType, requireColumn, resolveKey, targetModel } from "../keys";
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
      const key = resolveKey(relation, "foreignKey", () => inferHasForeignKey(model.name));
      if (key === undefined) return;
      const localKey = resolveKey(relation, "localKey", () => model.primaryKey);
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
