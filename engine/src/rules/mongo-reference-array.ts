import { requireColumn } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { readOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

export const mongoReferenceArray: Rule = {
  id: "mongo-reference-array",
  code: "ELQ304",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description:
    "A Mongo belongsToMany without pivotTable (document references) has its id array field — foreignKey, or the inferred '<snake target>_ids' — declared on the model.",
  check(context) {
    eachRelation(context.index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "mongo") return;
      if (readOption(relation, "pivotTable").state !== "absent") return;
      const key = describeRelationKeys(context.index, model, relation).foreignKey;
      if (key === undefined) return;
      requireColumn(context, {
        owner: model,
        key,
        model,
        relation,
        // An array of ids has no scalar column type; json keeps it as given.
        referencedType: "json",
        subject: subject(model, relation),
        hintTail: "Document references keep the related ids in that array.",
      });
    });
  },
};
