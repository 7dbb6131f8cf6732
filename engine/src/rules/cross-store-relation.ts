import { targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import { eachRelation, STORE_LABEL, subject } from "../graph/walk";

export const crossStoreRelation: Rule = {
  id: "cross-store-relation",
  code: "ELQ603",
  defaultSeverity: "warning",
  description: "A relation between a SQL model and a Mongo model: loading works per store, joins and pivots do not.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind === undefined || kind === "morphTo") return; // morph parents report from their side
      const target = targetModel(index, relation);
      if (target === undefined || target.store === model.store) return;
      context.report({
        message: `${subject(model, relation)} links ${STORE_LABEL[model.store]} model ${model.name} to ${STORE_LABEL[target.store]} model ${target.name}: eager loading runs one query per store, and no join${kind === "belongsToMany" ? " or pivot table" : ""} can span both.`,
        hint:
          kind === "belongsToMany"
            ? "A pivot cannot live in two stores: store the ids on one side (hasMany/belongsTo or an id array) instead."
            : "Keep it if intended: put '// eloquent-disable-next-line cross-store-relation' above it (or set the rule to \"off\" in eloquent.config.json); otherwise move both models to one store.",
        node: { model: model.name, relation: relation.name, part: "target" },
      });
    });
  },
};
