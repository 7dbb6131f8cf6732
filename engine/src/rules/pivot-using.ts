import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { describeValue, optionsOf, readOption, stringOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";
import { isMorphPivotKind, pivotTableConflict } from "../resolve/relation-keys";

/**
 * `using: "PostTag"` (Laravel's `->using(PostTag::class)`): the pivot rows are hydrated as that model, so it
 * must be a declared SQL model on the pivot's connection, and when `pivotTable` is written too they must
 * name the same table — otherwise reads go to one table and `pivot.save()` to another.
 */
export const pivotUsing: Rule = {
  id: "pivot-using",
  code: "ELQ306",
  defaultSeverity: "error",
  suggests: ["replace", "remove-option"],
  description:
    "A belongsToMany/morphToMany/morphedByMany's `using` names a declared SQL pivot model (a Pivot/MorphPivot subclass) on the relation's connection, mapped to its pivotTable when both are written.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "belongsToMany" && !isMorphPivotKind(kind)) return;
      if (readOption(relation, "using").state === "absent") return;
      const value = optionsOf(relation)!.using;
      const at = { model: model.name, relation: relation.name };
      const node = { ...at, part: "option-value" as const, option: "using" };
      const keyNode = { ...at, part: "option-key" as const, option: "using" };
      if (model.store === "mongo") {
        context.report({
          message: `${subject(model, relation)} on Mongo model ${model.name}: \`using\` hydrates SQL pivot rows as a model; a Mongo pivot document stays a plain object.`,
          hint: "Remove `using` (read the pivot fields from related.pivot), or move the relation to a SqlModel.",
          node: keyNode,
          suggestions: [{ kind: "remove-option", description: "Remove 'using'", node: keyNode }],
        });
        return;
      }
      if (isUnverifiable(value)) {
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify pivot model ${describeValue(value)}: it is not a string literal or a class.`,
          hint: "Write the pivot model's class (or its name as a string literal) so it can be checked.",
          node,
        });
        return;
      }
      // A non-string value is option-value-type's to report.
      if (typeof value !== "string" || value === "") return;
      const pivotModel = index.model(value);
      if (pivotModel === undefined) {
        const match = index.suggestModel(value);
        context.report({
          message: `${subject(model, relation)}: pivot model '${value}' is not a declared model.${match ? ` Did you mean '${match.value}'?` : ""}`,
          hint: match
            ? `Replace '${value}' with '${match.value}'.`
            : `Declare (and register) \`class ${value} extends ${isMorphPivotKind(kind) ? "MorphPivot" : "Pivot"} { static tableName = "…"; static schema = { … } }\`, or fix the name.`,
          node,
          suggestions: match
            ? [{ kind: "replace", description: `Replace '${value}' with '${match.value}'`, node, replacement: match.value }]
            : [],
        });
        return;
      }
      if (pivotModel.store !== "sql") {
        context.report({
          message: `${subject(model, relation)}: pivot model '${value}' is a MongoModel; the pivot of a SQL relation is a SQL table.`,
          hint: `Make ${value} extend ${isMorphPivotKind(kind) ? "MorphPivot" : "Pivot"} (a SQL model) on the pivot table.`,
          node,
        });
        return;
      }
      const ownConnection = model.connection ?? "default";
      const pivotConnection = pivotModel.connection ?? "default";
      if (model.connection !== null && pivotModel.connection !== null && ownConnection !== pivotConnection) {
        context.report({
          message: `${subject(model, relation)}: pivot model '${value}' is on connection '${pivotConnection}', but the pivot is read on ${model.name}'s connection '${ownConnection}'.`,
          hint: `Give ${value} \`static connection = "${ownConnection}"\` (pivot rows live beside the relation's owner).`,
          node,
        });
        return;
      }
      if (pivotTableConflict(index, relation)) {
        const written = stringOption(relation, "pivotTable")!;
        const table = pivotModel.table!; // known: pivotTableConflict compared it
        const tableNode = { ...at, part: "option-value" as const, option: "pivotTable" };
        context.report({
          message: `${subject(model, relation)}: pivotTable '${written}' is not the table of its pivot model ${value} ('${table}'): reads and pivot saves would use different tables.`,
          hint: `Replace '${written}' with '${table}' (or remove pivotTable: the pivot model's table is used), or set ${value}.tableName = "${written}".`,
          node: tableNode,
          suggestions: [
            {
              kind: "replace",
              description: `Replace '${written}' with '${table}'`,
              node: tableNode,
              replacement: table,
            },
          ],
        });
      }
    });
  },
};
