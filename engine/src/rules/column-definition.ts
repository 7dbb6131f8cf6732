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
  bool: "boolean",
  double: "float",
  tinyint: "smallint",
  blob: "binary",
  bytea: "binary",
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
      hint: 'Pass options as an object: column("int", { nullable: true }) or column("string", 80, { nullable: true }).',
      node: entryNode,
    });
    return;
  }
  if (type === "enum") checkEnumValues(context, where, entryNode, options);
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

/** An enum column lists its values (strings), and a literal default is one of them. */
function checkEnumValues(
  context: Parameters<Rule["check"]>[0],
  where: string,
  node: { model: string; column: string; part: "column" },
  options: Record<string, unknown>,
): void {
  const values = options.values;
  if (isUnverifiable(values)) return;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === "string" || isUnverifiable(v))) {
    context.report({
      message: `${where}: an enum column needs its values as a non-empty list of strings, got ${describeValue(values)}.`,
      hint: 'List the accepted values: column("enum", { values: ["draft", "published"] }).',
      node,
    });
    return;
  }
  const fallback = options.default;
  if (typeof fallback === "string" && values.every((v) => typeof v === "string") && !values.includes(fallback)) {
    const match = didYouMean(fallback, values as string[]);
    context.report({
      message: `${where}: the default '${fallback}' is not one of the enum's values (${(values as string[]).map((v) => `'${v}'`).join(", ")}).${match ? ` Did you mean '${match.value}'?` : ""}`,
      hint: match ? `Replace the default with '${match.value}'.` : "Make the default one of the values, or add it to values.",
      node,
    });
  }
}
