import { CONSTRAINT_OPERATORS, RELATION_OPTION_KEYS } from "../dsl/relation";
import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { describeValue, optionsOf } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

const KNOWN: ReadonlySet<string> = new Set(RELATION_OPTION_KEYS);
const OPERATORS: ReadonlySet<string> = new Set(CONSTRAINT_OPERATORS);
const BOOLEAN_OPTIONS: ReadonlySet<string> = new Set(["cascade", "withTrashed", "withoutGlobalScopes"]);

/**
 * What is wrong with a `where` / `wherePivot` value (`[column, value]` or `[column, operator, value]`), or undefined
 * when it is well formed. Only the column and the operator must be literals: the compared value may be any expression.
 */
export function constraintProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return `must be [column, value] or [column, operator, value], got ${describeValue(value)}`;
  if (value.length !== 2 && value.length !== 3) return `must be [column, value] or [column, operator, value], got ${value.length} items`;
  const [column] = value;
  if (!isUnverifiable(column) && (typeof column !== "string" || column.trim() === "")) {
    return `must start with a column name, got ${typeof column === "string" ? "an empty string" : describeValue(column)}`;
  }
  if (value.length === 3 && !isUnverifiable(value[1]) && !OPERATORS.has(String(value[1]).toLowerCase())) {
    return `has unknown operator ${describeValue(value[1])} (use one of ${CONSTRAINT_OPERATORS.join(", ")})`;
  }
  const compared = value[value.length - 1];
  if (Array.isArray(compared)) return "compares with an array (one value per condition; a list would need whereIn)";
  if (compared === null && value.length === 3 && !["=", "!=", "<>"].includes(String(value[1]))) {
    return "compares null with an ordering operator (null only compares with = or !=)";
  }
  return undefined;
}

export const optionValueType: Rule = {
  id: "option-value-type",
  code: "ELQ502",
  defaultSeverity: "error",
  description:
    'Relation option values are non-empty strings (pivotColumns: an array of strings; cascade, withTrashed, withoutGlobalScopes: booleans; latestOfMany / oldestOfMany / inverse: true or a name; ofMany: [column, "max" | "min"]; where / wherePivot: [column, value] or [column, operator, value]; as: an identifier).',
  check(context) {
    eachRelation(context.index, (model, relation) => {
      const options = optionsOf(relation);
      if (options === undefined) return;
      for (const [key, value] of Object.entries(options)) {
        if (!KNOWN.has(key) || value === undefined) continue;
        const node = { model: model.name, relation: relation.name, part: "option-value" as const, option: key };
        const where = `${subject(model, relation)}: ${key}`;
        if (isUnverifiable(value)) {
          context.cannotVerify?.({
            message: `${where} is ${describeValue(value)}, which is not a literal; the column it names cannot be verified.`,
            hint: `Write ${key} as a string literal so it can be checked.`,
            node,
          });
          continue;
        }
        if (BOOLEAN_OPTIONS.has(key)) {
          if (typeof value !== "boolean") {
            context.report({
              message: `${where} must be true or false, got ${describeValue(value)}.`,
              hint:
                key === "cascade"
                  ? "Write cascade: true (the seed package's ON DELETE CASCADE hint) or remove it."
                  : `Write ${key}: true (Laravel's ->${key}() in the relation method) or remove it.`,
              node,
            });
          }
          continue;
        }
        if (key === "where" || key === "wherePivot") {
          const problem = constraintProblem(value);
          if (problem !== undefined) {
            context.report({
              message: `${where} ${problem}.`,
              hint: `Write ${key}: ["<column>", <value>] or ${key}: ["<column>", ">=", <value>] (Laravel's ->${key}(...) in the relation method).`,
              node,
            });
          }
          continue;
        }
        if (key === "as" && typeof value === "string" && value !== "" && !/^[A-Za-z_$][\w$]*$/.test(value)) {
          context.report({
            message: `${where} must be an identifier (the pivot is read as model.<as>), got '${value}'.`,
            hint: `Write as: "${value.replace(/[^\w$]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")) || "membership"}".`,
            node,
          });
          continue;
        }
        if ((key === "latestOfMany" || key === "oldestOfMany" || key === "inverse") && value === true) continue;
        if (key === "ofMany") {
          const ok =
            Array.isArray(value) &&
            (value.length === 1 || value.length === 2) &&
            typeof value[0] === "string" &&
            value[0] !== "" &&
            (value.length === 1 || value[1] === "max" || value[1] === "min");
          if (!ok && !(Array.isArray(value) && value.some(isUnverifiable))) {
            context.report({
              message: `${where} must be [column, "max" | "min"], got ${describeValue(value)}.`,
              hint: `Write ofMany: ["<column>", "max"] (Laravel's ofMany($column, $aggregate)), or latestOfMany: true.`,
              node,
            });
          }
          continue;
        }
        if (key === "pivotColumns") {
          if (!Array.isArray(value)) {
            context.report({
              message: `${where} must be an array of column names, got ${describeValue(value)}.`,
              hint: `Write pivotColumns: [${typeof value === "string" ? `"${value}"` : '"created_at"'}].`,
              node,
            });
            continue;
          }
          const bad = value.filter((item) => typeof item !== "string" && !isUnverifiable(item));
          if (bad.length > 0) {
            context.report({
              message: `${where} must hold column name strings, got ${bad.map(describeValue).join(", ")}.`,
              hint: "List the extra pivot columns as strings.",
              node,
            });
          } else if (value.some(isUnverifiable)) {
            context.cannotVerify?.({
              message: `${where} contains values that are not literals; those pivot columns cannot be verified.`,
              hint: "List pivot columns as string literals.",
              node,
            });
          }
          continue;
        }
        if (typeof value !== "string" || value.trim() === "") {
          context.report({
            message: `${where} must be a ${nameKind(key)} name string, got ${typeof value === "string" ? "an empty string" : describeValue(value)}.`,
            hint:
              key === "latestOfMany" || key === "oldestOfMany"
                ? `Write ${key}: true (by primary key) or ${key}: "<column>".`
                : key === "inverse"
                  ? `Write inverse: true (found from the schema) or inverse: "<relation on the target>".`
                  : `Write ${key}: "<name>" as a non-empty string.`,
            node,
          });
        }
      }
    });
  },
};

function nameKind(key: string): string {
  if (key === "pivotTable") return "table";
  if (key === "morphName") return "morph";
  if (key === "through" || key === "using") return "model";
  if (key === "inverse") return "relation";
  if (key === "as") return "pivot accessor";
  return "column";
}
