import type { NodeRef, Suggestion } from "../diagnostic";
import { isUnverifiable } from "../graph/graph";
import { foreignKeyColumnType } from "../resolve/key-types";
import { columnType, targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import type { ModelIndex } from "../resolve/model-index";
import { didYouMean, didYouMeanText } from "../suggest";
import { optionsOf, stringOption } from "../graph/values";
import { pivotTableConflict, pivotTableOf } from "../resolve/relation-keys";
import { eachRelation, listNames, subject } from "../graph/walk";

/** "Make the pivot explicit": a model on the pivot table with the columns the relation names, so they can be checked. */
function explicitPivotSuggestions(
  index: ModelIndex,
  besides: string,
  pivotTable: string,
  wanted: { column: string; refType: string | undefined; option: string }[],
): Suggestion[] {
  const name = pivotTable
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
  if (!/^[A-Z]/.test(name) || index.model(name) !== undefined) return [];
  const columns: Record<string, string> = {};
  for (const item of wanted) columns[item.column] ??= item.option === "pivotColumns" ? "string" : foreignKeyColumnType(item.refType, "sql");
  const base = { kind: "create-model" as const, model: name, besides, columns, table: pivotTable };
  return [
    { ...base, description: `Make the pivot explicit: create model ${name} on '${pivotTable}' in this file`, placement: "same-file" },
    { ...base, description: `Make the pivot explicit: create model ${name} on '${pivotTable}' in a new file`, placement: "new-file" },
  ];
}

export const pivotColumns: Rule = {
  id: "pivot-columns",
  code: "ELQ302",
  defaultSeverity: "error",
  suggests: ["replace", "add-column", "create-model"],
  description:
    "When a SQL belongsToMany's pivot table (pivotTable, else the `using` model's table) is known (a model on it, or static database.tables), pivotLocalKey, pivotForeignKey and pivotColumns are columns of it.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "sql") return;
      const pivotTable = pivotTableOf(index, relation);
      if (pivotTableConflict(index, relation)) return; // pivot-using reports which table is meant
      if (pivotTable === undefined) return;
      const target = targetModel(index, relation);
      const wanted: { column: string; option: string; refType: string | undefined; node: NodeRef }[] = [];
      const at = (option: string): NodeRef => ({ model: model.name, relation: relation.name, part: "option-value", option });
      const local = stringOption(relation, "pivotLocalKey");
      if (local !== undefined) {
        wanted.push({
          column: local,
          option: "pivotLocalKey",
          refType: columnType(model, stringOption(relation, "localKey") ?? model.primaryKey),
          node: at("pivotLocalKey"),
        });
      }
      const foreign = stringOption(relation, "pivotForeignKey");
      if (foreign !== undefined) {
        const refType = target ? columnType(target, stringOption(relation, "ownerKey") ?? target.primaryKey) : undefined;
        wanted.push({ column: foreign, option: "pivotForeignKey", refType, node: at("pivotForeignKey") });
      }
      const extra = optionsOf(relation)?.pivotColumns;
      if (Array.isArray(extra)) {
        for (const column of extra) {
          if (typeof column === "string") wanted.push({ column, option: "pivotColumns", refType: "string", node: at("pivotColumns") });
        }
      }
      if (wanted.length === 0) return;
      const table = index.knownTable(pivotTable);
      const tableNode = optionsOf(relation)?.pivotTable !== undefined ? at("pivotTable") : at("using");
      if (table === undefined || table.open) {
        const why =
          table === undefined
            ? index.hasUnverifiableDatabase
              ? "it is declared by no model and some static database could not be read"
              : "no model maps to it and no static database.tables declares it"
            : `the columns of ${table.declaredBy.model} are not fully known`;
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify pivot columns ${listNames([...new Set(wanted.map((w) => w.column))])} of pivot table '${pivotTable}': ${why}.`,
          hint: `Declare the pivot in ${model.name}'s static database.tables['${pivotTable}'] (or map a model to it) so its columns can be checked.`,
          node: tableNode,
          suggestions:
            table === undefined && !index.hasUnverifiableDatabase ? explicitPivotSuggestions(index, model.name, pivotTable, wanted) : [],
        });
        return;
      }
      if (isUnverifiable(extra)) return;
      const reported = new Set<string>();
      for (const item of wanted) {
        if (table.columns.has(item.column) || reported.has(item.column)) continue;
        reported.add(item.column);
        const match = didYouMean(item.column, [...table.columns.keys()]);
        const source =
          table.declaredBy.via === "model" ? `model ${table.declaredBy.model}` : `${table.declaredBy.model}'s static database.tables`;
        const suggestions: Suggestion[] = [];
        if (match && item.option !== "pivotColumns") {
          suggestions.push({
            kind: "replace",
            description: `Replace '${item.column}' with '${match.value}'`,
            node: item.node,
            replacement: match.value,
          });
        }
        const type = foreignKeyColumnType(item.refType, "sql");
        if (table.declaredBy.via === "model") {
          suggestions.push({
            kind: "add-column",
            description: `Add ${item.column}: column("${type}") to ${table.declaredBy.model}`,
            model: table.declaredBy.model,
            column: item.column,
            columnType: type,
          });
        }
        context.report({
          message: `${subject(model, relation)}: ${item.option} '${item.column}' is not a column of pivot table '${pivotTable}' (declared by ${source}).${didYouMeanText(match, item.column)}`,
          hint: match
            ? `Replace '${item.column}' with '${match.value}', or add ${item.column}: column("${type}") to the pivot table.`
            : item.option === "pivotColumns"
              ? `Add ${item.column} to pivot table '${pivotTable}' in ${source}, or remove it from pivotColumns.`
              : `Add ${item.column}: column("${type}") to pivot table '${pivotTable}' in ${source}.`,
          node: item.node,
          suggestions,
        });
      }
    });
  },
};
