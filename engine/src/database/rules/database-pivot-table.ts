import type { Rule } from "../../rule";
import { subject } from "../../graph/walk";
import { kindOf } from "../../graph/values";
import { liveKeys, sqlModels } from "../live-keys";

export const databasePivotTable: Rule = {
  id: "database-pivot-table",
  code: "ELQ863",
  defaultSeverity: "error",
  description: "A SQL belongsToMany's pivot table exists in the live database.",
  check(context) {
    const database = context.database;
    if (!database) return;
    for (const model of sqlModels(context.index)) {
      for (const relation of model.node.relations) {
        if (kindOf(relation) !== "belongsToMany") continue;
        const pivot = liveKeys(context.index, database, model, relation).find((k) => k.owner === undefined);
        if (pivot === undefined || pivot.live !== undefined) continue;
        context.report({
          message: `${subject(model, relation)} joins through pivot table '${pivot.table}', which does not exist in ${database.source}.`,
          hint: `Create it with a migration (\`eloquent migrate:make create_${pivot.table} <models module>\` creates it from the relation), or set pivotTable to the table that exists.`,
          node: { model: model.name, relation: relation.name, part: "relation" },
        });
      }
    }
  },
};
