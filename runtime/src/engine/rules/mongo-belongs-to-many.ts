import { inferMongoReferenceArray } from "../conventions";
import type { Rule } from "../rule";
import { eachRelation, subject } from "../walk";

export const mongoBelongsToMany: Rule = {
  id: "mongo-belongs-to-many",
  code: "ELQ303",
  defaultSeverity: "warning",
  description: "belongsToMany on a MongoModel: prefer document references (an array of ids) over a pivot collection.",
  check(context) {
    eachRelation(context.index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "mongo") return;
      const array = typeof relation.target === "string" ? inferMongoReferenceArray(relation.target) : "<target>_ids";
      context.report({
        message: `${subject(model, relation)} on Mongo model ${model.name}: MongoDB has no joins, so a pivot collection costs an extra query per load and cannot be updated atomically with the document.`,
        hint: `Prefer document references: keep an array of ids on ${model.name} (e.g. '${array}') and load it with one $in query.`,
        node: { model: model.name, relation: relation.name, part: "kind" },
      });
    });
  },
};
