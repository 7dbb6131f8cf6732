import type { Rule } from "../../rule";
import { sqlModels } from "../live-keys";

export const databaseTable: Rule = {
  id: "database-table",
  code: "ELQ861",
  defaultSeverity: "error",
  description: "A SQL model's table exists in the live database.",
  check(context) {
    const database = context.database;
    if (!database) return;
    for (const model of sqlModels(context.index)) {
      if (database.tables[model.table]) continue;
      context.report({
        message: `${model.name}'s table '${model.table}'${model.tableInferred ? " (inferred from the class name)" : ""} does not exist in ${database.source}.`,
        hint: `Create it: \`eloquent migrate:make create_${model.table} <models module>\` then \`eloquent migrate:latest\` — or point the model at the right connection.`,
        node: { model: model.name, part: model.tableInferred ? "model" : "table" },
      });
    }
  },
};
