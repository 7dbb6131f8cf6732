import { columnType, requireColumn, targetModel } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { stringOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

export const hasLocalKey: Rule = {
  id: "has-local-key",
  code: "ELQ204",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description:
    "A hasOne/hasMany/morphOne/morphMany's localKey (explicit, or the declaring model's primary key) is a column of the declaring model; so is an explicit belongsToMany localKey.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "hasOne" && kind !== "hasMany" && kind !== "morphOne" && kind !== "morphMany" && kind !== "belongsToMany") return;
      const keys = describeRelationKeys(index, model, relation);
      const key = keys.localKey;
      // A belongsToMany's default localKey is checked from the pivot side: only an explicit one is new.
      if (key === undefined || (key.inferred && kind === "belongsToMany")) return;
      const target = targetModel(index, relation);
      let referencedType: string | undefined;
      if (target !== undefined) {
        if (kind === "hasOne" || kind === "hasMany") {
          const fk = stringOption(relation, "foreignKey");
          referencedType = fk ? columnType(target, fk) : undefined;
        } else if (keys.morphId !== undefined) {
          referencedType = columnType(target, keys.morphId.name);
        }
      }
      requireColumn(context, {
        owner: model,
        key: { ...key, origin: `${model.name}'s primary key` },
        primaryKey: key.inferred,
        model,
        relation,
        referencedType: referencedType === "string" ? undefined : referencedType,
        subject: subject(model, relation),
      });
    });
  },
};
