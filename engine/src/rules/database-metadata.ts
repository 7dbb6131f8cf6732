import { isUnverifiable } from "../graph/graph";
import type { ModelInfo } from "../resolve/model-index";
import type { Rule, RuleContext } from "../rule";
import { didYouMean, didYouMeanText } from "../suggest";
import { describeValue, isRecord } from "../graph/values";

/**
 * `static database` (physical DDL: named foreign keys, composite indexes, pivot tables) names
 * columns that exist, so migrations do not fail on a typo long after the model was written.
 */
export const databaseMetadata: Rule = {
  id: "database-metadata",
  code: "ELQ604",
  defaultSeverity: "error",
  description:
    "static database names existing columns: foreign keys (and the referenced table's columns), unique and normal indexes, pivot table keys.",
  check(context) {
    for (const model of context.index.models) {
      const database = model.node.database;
      if (database === undefined || isUnverifiable(database)) continue;
      const node = { model: model.name, part: "database" as const };
      if (!isRecord(database)) {
        context.report({
          message: `${model.name}: static database must be an object ({ foreignKeys, unique, indexes, tables }), got ${describeValue(database)}.`,
          hint: "Write static database = { foreignKeys: [...], unique: [...], indexes: [...], tables: { ... } }.",
          node,
        });
        continue;
      }
      const own = { label: model.name, columns: model.columns, open: model.node.openSchema === true };
      checkConstraints(context, model, database, own, "");
      if (isRecord(database.tables)) {
        for (const [table, meta] of Object.entries(database.tables)) {
          if (!isRecord(meta) || !isRecord(meta.columns)) continue;
          const columns = new Map(Object.keys(meta.columns).map((c) => [c, true]));
          checkConstraints(context, model, meta, { label: `table '${table}'`, columns, open: false }, `tables.${table}.`);
          checkList(context, model, `tables.${table}.primary`, meta.primary, { label: `table '${table}'`, columns, open: false });
        }
      }
    }
  },
};

interface Owner {
  label: string;
  columns: ReadonlyMap<string, unknown>;
  open: boolean;
}

function checkConstraints(context: RuleContext, model: ModelInfo, meta: Record<string, unknown>, owner: Owner, prefix: string): void {
  for (const key of ["unique", "indexes"] as const) {
    const list = meta[key];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (isRecord(entry)) checkList(context, model, `${prefix}${key}[${i}]${named(entry)}`, entry.columns, owner);
    });
  }
  const foreignKeys = meta.foreignKeys;
  if (!Array.isArray(foreignKeys)) return;
  foreignKeys.forEach((fk, i) => {
    if (!isRecord(fk)) return;
    const where = `${prefix}foreignKeys[${i}]${named(fk)}`;
    checkList(context, model, where, fk.columns, owner);
    const references = fk.references;
    if (!isRecord(references) || typeof references.table !== "string") return;
    const table = context.index.knownTable(references.table);
    if (table === undefined || table.open) {
      context.cannotVerify?.({
        message: `${model.name}: cannot verify static database ${where}: referenced table '${references.table}' is declared by no model and no static database.tables.`,
        hint: `Map a model to '${references.table}' or declare it in static database.tables.`,
        node: { model: model.name, part: "database" },
      });
      return;
    }
    checkList(context, model, `${where}.references`, references.columns, {
      label: `table '${references.table}' (${table.declaredBy.model})`,
      columns: table.columns,
      open: false,
    });
  });
}

function checkList(context: RuleContext, model: ModelInfo, where: string, columns: unknown, owner: Owner): void {
  if (columns === undefined || owner.open) return;
  const node = { model: model.name, part: "database" as const };
  if (!Array.isArray(columns) || columns.some((c) => typeof c !== "string" && !isUnverifiable(c))) {
    context.report({
      message: `${model.name}: static database ${where} must list column names as strings, got ${describeValue(columns)}.`,
      hint: 'Write columns: ["user_id"].',
      node,
    });
    return;
  }
  for (const column of columns) {
    if (typeof column !== "string" || owner.columns.has(column)) continue;
    const match = didYouMean(column, owner.columns.keys());
    context.report({
      message: `${model.name}: static database ${where} names column '${column}', which ${owner.label} does not declare.${didYouMeanText(match, column)}`,
      hint: match ? `Replace '${column}' with '${match.value}'.` : `Declare '${column}' on ${owner.label}, or remove it from ${where}.`,
      node,
    });
  }
}

function named(entry: Record<string, unknown>): string {
  return typeof entry.name === "string" ? ` (${entry.name})` : "";
}
