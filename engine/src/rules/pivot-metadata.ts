import { defaultPivotTable, inferPivotKey } from "../resolve/conventions";
import { targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import { readOption } from "../graph/values";
import { eachRelation, listNames, subject } from "../graph/walk";

const REQUIRED = ["pivotTable", "pivotLocalKey", "pivotForeignKey"] as const;

export const pivotMetadata: Rule = {
  id: "pivot-metadata",
  code: "ELQ301",
  defaultSeverity: "error",
  suggests: ["add-options"],
  description: "A belongsToMany on a SQL model declares pivotTable, pivotLocalKey and pivotForeignKey explicitly.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "sql") return;
      if (relation.options !== undefined && (typeof relation.options !== "object" || relation.options === null)) return;
      const missing = REQUIRED.filter((key) => readOption(relation, key).state === "absent");
      if (missing.length === 0) return;
      const target = targetModel(index, relation);
      const targetName = target?.name ?? (typeof relation.target === "string" ? relation.target : undefined);
      const conventional: Record<string, string> = {};
      if (targetName !== undefined) {
        const values = {
          pivotTable: defaultPivotTable(model.name, targetName),
          pivotLocalKey: inferPivotKey(model.name),
          pivotForeignKey: inferPivotKey(targetName),
        };
        for (const key of missing) conventional[key] = values[key];
      }
      const node = { model: model.name, relation: relation.name, part: "options" as const };
      const proposal = Object.entries(conventional).map(([k, v]) => `${k}: '${v}'`).join(", ");
      context.report({
        message: `${subject(model, relation)} on a SQL model is missing ${listNames(missing)}; eloquent does not guess pivot tables.`,
        hint: proposal ? `Add ${proposal} (or the names your pivot table really uses).` : `Add ${missing.join(", ")} to the options.`,
        node,
        suggestions: proposal
          ? [{ kind: "add-options", description: `Add ${proposal}`, node, options: conventional }]
          : [],
      });
    });
  },
};
