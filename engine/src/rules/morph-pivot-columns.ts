import type { Suggestion } from "../diagnostic";
import { isUnverifiable } from "../graph/graph";
import { foreignKeyColumnType } from "../resolve/key-types";
import { columnType, describeKey, keyNode, targetModel } from "../resolve/keys";
import { describeRelationKeys, isMorphPivotKind, pivotTableConflict, pivotTableOf } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { didYouMean, didYouMeanText } from "../suggest";
import { optionsOf } from "../graph/values";
import { eachRelation, listNames, subject } from "../graph/walk";

export const morphPivotColumns: Rule = {
  id: "morph-pivot-columns",
  code: "ELQ305",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description:
    "When a morphToMany/morphedByMany's pivot table is known (a model on it, or static database.tables), its pivotLocalKey, pivotForeignKey and morph type column (explicit or inferred) and pivotColumns are columns of it.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (!isMorphPivotKind(kind)) return;
      const pivotTable = pivotTableOf(index, relation);
      if (pivotTableConflict(index, relation)) return; // pivot-using reports which table is meant
      if (pivotTable === undefined) return; // no morphName: morph-name reports it
      const keys = describeRelationKeys(index, model, relation);
      const target = targetModel(index, relation);
      const ownKey = keys.localKey ? columnType(model, keys.localKey.name) : undefined;
      const targetKey = target && keys.ownerKey ? columnType(target, keys.ownerKey.name) : undefined;
      const wanted = [
        { key: keys.pivotLocalKey, refType: ownKey },
        { key: keys.pivotForeignKey, refType: targetKey },
        { key: keys.morphType, refType: "string" },
      ].filter((w) => w.key !== undefined);
      const extra = optionsOf(relation)?.pivotColumns;
      const extraColumns = Array.isArray(extra) ? extra.filter((c): c is string => typeof c === "string") : [];
      const table = index.knownTable(pivotTable);
      const tableNode =
        optionsOf(relation)?.pivotTable !== undefined
          ? { model: model.name, relation: relation.name, part: "option-value" as const, option: "pivotTable" }
          : { model: model.name, relation: relation.name, part: "options" as const };
      if (table === undefined || table.open) {
        const names = [...wanted.map((w) => w.key!.name), ...extraColumns];
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify pivot columns ${listNames([...new Set(names)])} of pivot table '${pivotTable}': ${table === undefined ? "no model maps to it and no static database.tables declares it" : `the columns of ${table.declaredBy.model} are not fully known`}.`,
          hint: `Map a model to '${pivotTable}' (or declare it in ${model.name}'s static database.tables) so its columns can be checked.`,
          node: tableNode,
        });
        return;
      }
      const source =
        table.declaredBy.via === "model" ? `model ${table.declaredBy.model}` : `${table.declaredBy.model}'s static database.tables`;
      for (const { key, refType } of wanted) {
        if (table.columns.has(key!.name)) continue;
        const match = didYouMean(key!.name, [...table.columns.keys()]);
        const node = keyNode(model.name, relation, key!);
        const type = refType === "string" ? "string" : foreignKeyColumnType(refType, "sql");
        const suggestions: Suggestion[] = [];
        if (match) {
          suggestions.push(
            key!.inferred
              ? {
                  kind: "add-options",
                  description: `Set ${key!.option}: '${match.value}'`,
                  node: { model: model.name, relation: relation.name, part: "options" },
                  options: { [key!.option]: match.value },
                }
              : { kind: "replace", description: `Replace '${key!.name}' with '${match.value}'`, node, replacement: match.value },
          );
        }
        if (table.declaredBy.via === "model") {
          suggestions.push({
            kind: "add-column",
            description: `Add ${key!.name}: column("${type}") to ${table.declaredBy.model}`,
            model: table.declaredBy.model,
            column: key!.name,
            columnType: type,
          });
        }
        context.report({
          message: `${subject(model, relation)} uses ${describeKey(key!)}, but pivot table '${pivotTable}' (declared by ${source}) has no column '${key!.name}'.${didYouMeanText(match, key!.name)}`,
          hint: match
            ? `${key!.inferred ? `Set ${key!.option}: '${match.value}'` : `Replace '${key!.name}' with '${match.value}'`}, or add ${key!.name}: column("${type}") to the pivot table.`
            : `Add ${key!.name}: column("${type}") to pivot table '${pivotTable}' in ${source}, or set ${key!.option} to one of its columns.`,
          node,
          suggestions,
        });
      }
      if (isUnverifiable(extra)) return;
      for (const column of extraColumns) {
        if (table.columns.has(column)) continue;
        context.report({
          message: `${subject(model, relation)}: pivotColumns '${column}' is not a column of pivot table '${pivotTable}' (declared by ${source}).`,
          hint: `Add ${column} to pivot table '${pivotTable}' in ${source}, or remove it from pivotColumns.`,
          node: { model: model.name, relation: relation.name, part: "option-value", option: "pivotColumns" },
        });
      }
    });
  },
};
