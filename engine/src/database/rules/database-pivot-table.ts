import type { Rule } from "../../rule";
import { subject } from "../../graph/walk";
import { kindOf } from "../../graph/values";
import { eachLiveRelation } from "../live-keys";
import { isMorphPivotKind } from "../../resolve/relation-keys";

export const databasePivotTable: Rule = {
  id: "database-pivot-table",
  code: "ELQ863",
  defaultSeverity: "error",
  description: "A SQL belongsToMany's (or morphToMany's / morphedByMany's) pivot table exists in the live database.",
  check(context) {
    eachLiveRelation(context, (model, relation, keys, database) => {
      const kind = kindOf(relation);
      if (kind !== "belongsToMany" && !isMorphPivotKind(kind)) return;
      const pivot = keys.find((k) => k.owner === undefined);
      if (pivot === undefined || pivot.live !== undefined) return;
      context.report({
        message: `${subject(model, relation)} joins through pivot table '${pivot.table}', which does not exist in ${database.source}.`,
        hint: `Create it with a migration (\`eloquent migrate:make create_${pivot.table} <models module>\` creates it from the relation), or set pivotTable to the table that exists.`,
        node: { model: model.name, relation: relation.name, part: "relation" },
      });
    });
  },
};
