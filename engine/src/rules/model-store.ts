import type { Rule } from "../rule";

/**
 * F5 of issue 10: `class X extends Model` (the store-neutral base) has no store. The runtime cannot query
 * it, so every front says so the same way instead of the static side checking it as SQL.
 */
export const modelStore: Rule = {
  id: "model-store",
  code: "ELQ605",
  defaultSeverity: "error",
  description: "A model extends SqlModel or MongoModel: the store-neutral Model base has no store to query.",
  check(context) {
    for (const model of context.index.models) {
      if (model.node.storeNeutral !== true) continue;
      context.report({
        message: `${model.name} extends the store-neutral Model, which has no store: it cannot be queried or registered.`,
        hint: `Extend SqlModel (SQL databases) or MongoModel (MongoDB) from "eloquent-orm/Model" instead of Model.`,
        node: { model: model.name, part: "model" },
      });
    }
  },
};
