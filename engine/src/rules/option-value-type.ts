import { RELATION_OPTION_KEYS } from "../dsl/relation";
import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { describeValue, optionsOf } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

const KNOWN: ReadonlySet<string> = new Set(RELATION_OPTION_KEYS);

export const optionValueType: Rule = {
  id: "option-value-type",
  code: "ELQ502",
  defaultSeverity: "error",
  description:
    'Relation option values are non-empty strings (pivotColumns: an array of strings; cascade: a boolean; latestOfMany / oldestOfMany: true or a column; inverse: true or a relation; ofMany: [column, "max" | "min"]).',
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
        if (key === "cascade") {
          if (typeof value !== "boolean") {
            context.report({
              message: `${where} must be true or false, got ${describeValue(value)}.`,
              hint: "Write cascade: true (the seed package's ON DELETE CASCADE hint) or remove it.",
              node,
            });
          }
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
            message: `${where} must be a ${key === "pivotTable" ? "table" : key === "morphName" ? "morph" : key === "through" || key === "using" ? "model" : key === "inverse" ? "relation" : "column"} name string, got ${typeof value === "string" ? "an empty string" : describeValue(value)}.`,
            hint:
              key === "latestOfMany" || key === "oldestOfMany"
                ? `Write ${key}: true (by primary key) or ${key}: "<column>".`
                : key === "inverse"
                  ? `Write inverse: true (the relation pointing back, found from the schema) or inverse: "<relation>".`
                  : `Write ${key}: "<name>" as a non-empty string.`,
            node,
          });
        }
      }
    });
  },
};
