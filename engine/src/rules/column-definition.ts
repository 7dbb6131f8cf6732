import { COLUMN_OPTION_KEYS, COLUMN_TYPES } from "../dsl/column";
import { isUnverifiable, type ColumnNode } from "../graph/graph";
import type { Rule } from "../rule";
import { didYouMean } from "../suggest";
import { describeValue, isRecord } from "../graph/values";

const TYPES: ReadonlySet<string> = new Set(COLUMN_TYPES);
const OPTION_KEYS: ReadonlySet<string> = new Set(COLUMN_OPTION_KEYS);
/** Names people bring from SQL or other ORMs. */
const ALIASES: Readonly<Record<string, string>> = {
  integer: "int",
  varchar: "string",
  char: "string",
  bool: "boolean",
  datetime: "timestamp",
  date: "timestamp",
  double: "float",
  number: "int",
  bigInteger: "bigint",
  objectid: "objectId",
  serial: "increments",
  jsonb: "json",
};

export const columnDefinition: Rule = {
  id: "column-definition",
  code: "ELQ601",
  defaultSeverity: "error",
  description: "column() has a known column type, a numeric length and an options object with known keys.",
  suggests: ["replace"],
  check(context) {
    for (const model of context.index.models) {
      for (const column of model.node.columns) checkColumn(context, model.name, column);
    }
  },
};

function checkColumn(context: Parameters<Rule["check"]>[0], modelName: string, column: ColumnNode): void {
  const where = `${modelName}.${column.name}`;
  const typeNode = { model: modelName, column: column.name, part: "column-type" as const };
  const entryNode = { model: modelName, column: column.name, part: "column" as const };
  const type = column.type;
  if (isUnverifiable(type)) {
    context.cannotVerify?.({
      message: `${where}: cannot verify column type ${describeValue(type)}: not a string literal.`,
      hint: "Write the column type as a string literal.",
      node: typeNode,
    });
  } else if (typeof type !== "string" || !TYPES.has(type)) {
    const match =
      typeof type === "string" ? (ALIASES[type] ? { value: ALIASES[type], caseOnly: false } : didYouMean(type, COLUMN_TYPES)) : undefined;
    context.report({
      message: `${where}: unknown column type ${describeValue(type)}.${match ? (match.caseOnly ? ` It differs from '${match.value}' only by case.` : ` Did you mean '${match.value}'?`) : ""}`,
      hint: match ? `Replace it with '${match.value}'.` : `Use one of ${COLUMN_TYPES.join(", ")}.`,
      node: typeNode,
      suggestions: match
        ? [{ kind: "replace", description: `Replace with '${match.value}'`, node: typeNode, replacement: match.value }]
        : [],
    });
  }
  if (column.length !== undefined && !isUnverifiable(column.length) && (typeof column.length !== "number" || !(column.length > 0))) {
    context.report({
      message: `${where}: column length must be a positive number, got ${describeValue(column.length)}.`,
      hint: 'Pass the length as a number (column("string", 255)) or undefined to skip it.',
      node: entryNode,
    });
  }
  const options = column.options;
  if (options === undefined || isUnverifiable(options)) return;
  if (!isRecord(options)) {
    context.report({
      message: `${where}: column options must be an object, got ${describeValue(options)}.`,
      hint: 'Pass options as the third argument: column("int", undefined, { nullable: true }).',
      node: entryNode,
    });
    return;
  }
  for (const key of Object.keys(options)) {
    if (OPTION_KEYS.has(key)) continue;
    const match = didYouMean(key, COLUMN_OPTION_KEYS);
    context.report({
      message: `${where}: unknown column option '${key}'.${match ? (match.caseOnly ? ` '${key}' differs from '${match.value}' only by case.` : ` Did you mean '${match.value}'?`) : ""}`,
      hint: match ? `Replace '${key}' with '${match.value}'.` : `Remove it; columns accept ${COLUMN_OPTION_KEYS.join(", ")}.`,
      node: entryNode,
    });
  }
}
