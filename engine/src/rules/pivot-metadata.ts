import { defaultPivotTable, inferPivotKey } from "../resolve/conventions";
import { seedImplicitPivot, usesSeedImplicitPivot } from "../resolve/seed-pivot";
import type { ModelInfo } from "../resolve/model-index";
import type { RelationNode } from "../graph/graph";
import type { RuleContext } from "../rule";
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
  description:
    "A belongsToMany on a SQL model declares pivotTable (or a `using` pivot model), pivotLocalKey and pivotForeignKey explicitly (seed-package code without them: a warning naming the seed's implicit `_pivot` table, whose key columns must exist where it is known).",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "sql") return;
      if (relation.options !== undefined && (typeof relation.options !== "object" || relation.options === null)) return;
      // A `using` pivot model supplies the table (pivot-using checks that it does).
      const hasUsing = readOption(relation, "using").state !== "absent";
      const missing = REQUIRED.filter((key) => readOption(relation, key).state === "absent" && !(key === "pivotTable" && hasUsing));
      if (missing.length === 0) return;
      const target = targetModel(index, relation);
      const targetName = target?.name ?? (typeof relation.target === "string" ? relation.target : undefined);
      if (usesSeedImplicitPivot(relation)) {
        if (targetName !== undefined && model.table !== undefined) reportSeedPivot(context, model, relation, model.table, targetName);
        return;
      }
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
      const proposal = Object.entries(conventional)
        .map(([k, v]) => `${k}: '${v}'`)
        .join(", ");
      context.report({
        message: `${subject(model, relation)} on a SQL model is missing ${listNames(missing)}; eloquent does not guess pivot tables.`,
        hint: proposal ? `Add ${proposal} (or the names your pivot table really uses).` : `Add ${missing.join(", ")} to the options.`,
        node,
        suggestions: proposal ? [{ kind: "add-options", description: `Add ${proposal}`, node, options: conventional }] : [],
      });
    });
  },
};

/**
 * Seed-package code without pivot metadata is valid for the seed package: its generator creates the implicit
 * `_pivot` table, and eloquent-orm uses the same names. A warning says which, and proposes writing them (the
 * seed's own tip: keep SQL many-to-many explicit); where that table is known its key columns must exist.
 */
function reportSeedPivot(context: RuleContext, model: ModelInfo, relation: RelationNode, ownerTable: string, targetName: string): void {
  const pivot = seedImplicitPivot(ownerTable, targetName);
  const node = { model: model.name, relation: relation.name, part: "options" as const };
  const options = { pivotTable: pivot.table, pivotLocalKey: pivot.localKey, pivotForeignKey: pivot.foreignKey };
  const proposal = Object.entries(options)
    .map(([k, v]) => `${k}: '${v}'`)
    .join(", ");
  const known = context.index.knownTable(pivot.table);
  const absent = known === undefined || known.open ? [] : [pivot.localKey, pivot.foreignKey].filter((column) => !known.columns.has(column));
  if (absent.length > 0) {
    context.report({
      message: `${subject(model, relation)} declares no pivot, so it uses the seed package's implicit pivot '${pivot.table}', which has no ${listNames(absent)} column.`,
      hint: `Declare the pivot explicitly: pivotTable, pivotLocalKey and pivotForeignKey naming the columns '${pivot.table}' really has.`,
      node,
      suggestions: [],
    });
    return;
  }
  context.report({
    severity: "warning",
    message: `${subject(model, relation)} declares no pivot metadata: like the seed package, eloquent-orm uses its implicit pivot '${pivot.table}' (${pivot.localKey}, ${pivot.foreignKey}).`,
    hint: `Keep SQL many-to-many explicit: add ${proposal}.`,
    node,
    suggestions: [{ kind: "add-options", description: `Add ${proposal}`, node, options }],
  });
}
