import { inferMongoReferenceArray } from "../resolve/conventions";
import { mongoBelongsToManyMode } from "../resolve/relation-modes";
import type { Rule } from "../rule";
import { stringOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

export const mongoBelongsToMany: Rule = {
  id: "mongo-belongs-to-many",
  code: "ELQ303",
  defaultSeverity: "warning",
  description:
    "belongsToMany on a MongoModel through a pivot collection: prefer document references (an id array on the document, no pivotTable).",
  check(context) {
    eachRelation(context.index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "mongo") return;
      if (mongoBelongsToManyMode(relation.options) !== "pivot") return; // document references: see mongo-reference-array
      const pivotTable = stringOption(relation, "pivotTable")!;
      const array = typeof relation.target === "string" ? inferMongoReferenceArray(relation.target) : "<target>_ids";
      context.report({
        message: `${subject(model, relation)} on Mongo model ${model.name} uses pivot collection '${pivotTable}': MongoDB has no joins, so every load costs an extra query and attach/detach cannot be atomic with the document.`,
        hint: `Prefer document references: drop the pivot options and keep an id array on ${model.name} ('${array}', loaded with one $in query).`,
        node: { model: model.name, relation: relation.name, part: "option-value", option: "pivotTable" },
      });
    });
  },
};
