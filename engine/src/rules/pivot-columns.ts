import type { NodeRef, Suggestion } from "../diagnostic";
import { isUnverifiable } from "../graph/graph";
import { foreignKeyColumnType } from "../resolve/key-types";
import { columnType, targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import { didYouMean, didYouMeanText } from "../suggest";
import { optionsOf, stringOption } from "../graph/values";
import { eachRelation, listNames, subject } from "../graph/walk";

export const pivotColumns: Rule = {
  id: "pivot-columns",
  code: "ELQ302",
  defaultSeverity: "error",
  suggests: ["replace", "add-column"],
  description:
    "When a SQL belongsToMany's pivot table is known (a model on it, or static database.tables), pivotLocalKey, pivotForeignKey and pivotColumns are columns of it.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "belongsToMany" || model.store !== "sql") return;
      const pivotTable = stringOption(relation, "pivotTable");
      if (pivotTable === undefined) return;
      const target = targetModel(index, relation);
      const wanted: { column: string; option: string; refType: string | undefined; node: NodeRef }[] = [];
      const at = (option: string): NodeRef => ({ model: model.name, relation: relation.name, part: "option-value", option });
      const local = stringOption(relation, "pivotLocalKey");
      if (local !== undefined) {
        wanted.push({ column: local, option: "pivotLocalKey", refType: columnType(model, stringOption(relation, "localKey") ?? model.primaryKey), node: at("pivotLocalKey") });
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
      const tableNode = at("pivotTable");
      if (table === undefined || table.open) {
        const why = table === undefined
          ? index.hasUnverifiableDatabase
            ? "it is declared by no model and some static database could not be read"
            : "no model maps to it and no static database.tables declares it"
          : `the columns of ${table.declaredBy.model} are not fully known`;
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify pivot columns ${listNames([...new Set(wanted.map((w) => w.column))])} of pivot table '${pivotTable}': ${why}.`,
          hint: `Declare the pivot in ${model.name}'s static database.tables['${pivotTable}'] (or map a model to it) so its columns can be checked.`,
          node: tableNode,
        });
        return;
      }
      if (isUnverifiable(extra)) return;
      const reported = new Set<string>();
      for (const item of wanted) {
        if (table.columns.has(item.column) || reported.has(item.column)) continue;
        reported.add(item.column);
        const match = didYouMean(item.column, [...table.columns.keys()]);
        const source = table.declaredBy.via === "model"
          ? `model ${table.declaredBy.model}`
          : `${table.declaredBy.model}'s static database.tables`;
        const suggestions: Suggestion[] = [];
        if (match && item.option !== "pivotColumns") {
          suggestions.push({ kind: "replace", description: `Replace '${item.column}' with '${match.value}'`, node: item.node, replacement: match.value });
        }
        const type = foreignKeyColumnType(item.refType, "sql");
        if (table.declaredBy.via === "model") {
          suggestions.push({ kind: "add-column", description: `Add ${item.column}: column("${type}") to ${table.declaredBy.model}`, model: table.declaredBy.model, column: item.column, columnType: type });
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
