import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { didYouMean } from "../suggest";
import { describeValue } from "../graph/values";
import { isSqlPivotForeignKey, OPTION_KEYS_BY_KIND, PASSIVE_OPTION_KEYS, RELATION_OPTION_KEYS } from "../vocabulary";
import { OPTION_ALIASES } from "../dsl/relation";
import { eachRelation, subject } from "../graph/walk";

const ALL_KEYS: ReadonlySet<string> = new Set(RELATION_OPTION_KEYS);

export const relationOptions: Rule = {
  id: "relation-options",
  code: "ELQ501",
  defaultSeverity: "error",
  suggests: ["replace", "remove-option"],
  description: "relation() options are an object whose keys are known option names that apply to the relation kind.",
  check(context) {
    eachRelation(context.index, (model, relation, kind) => {
      const options = relation.options;
      if (options === undefined) return;
      const where = subject(model, relation);
      const optionsNode = { model: model.name, relation: relation.name, part: "options" as const };
      if (isUnverifiable(options)) {
        context.cannotVerify?.({
          message: `${where}: cannot verify options ${describeValue(options)}: not an object literal.`,
          hint: "Write the options as an object literal so keys and columns can be checked.",
          node: optionsNode,
        });
        return;
      }
      if (options === null || typeof options !== "object" || Array.isArray(options)) {
        const asKey = typeof options === "string" ? ` Did you mean { foreignKey: '${options}' }?` : "";
        context.report({
          message: `${where}: options must be an object, got ${describeValue(options)}.${asKey}`,
          hint: `Pass an object: relation(${JSON.stringify(String(relation.kind))}, ${JSON.stringify(typeof relation.target === "string" ? relation.target : "Model")}, { foreignKey: ${JSON.stringify(typeof options === "string" ? options : "user_id")} }).`,
          node: optionsNode,
        });
        return;
      }
      const applicable = kind === undefined ? undefined : OPTION_KEYS_BY_KIND[kind];
      for (const key of Object.keys(options)) {
        const node = { model: model.name, relation: relation.name, part: "option-key" as const, option: key };
        const native = OPTION_ALIASES[key];
        if (native !== undefined) {
          // Only left under the seed's name when the native name is given too (dsl canonicalRelationOptions).
          context.report({
            message: `${where}: '${key}' is the seed package's name for '${native}', and both are given.`,
            hint: `Keep one of them: remove '${key}' or '${native}'.`,
            node,
            suggestions: [{ kind: "remove-option", description: `Remove '${key}'`, node }],
          });
          continue;
        }
        if (!ALL_KEYS.has(key)) {
          const match = didYouMean(key, applicable ?? RELATION_OPTION_KEYS) ?? didYouMean(key, RELATION_OPTION_KEYS);
          const guess =
            match === undefined
              ? ""
              : match.caseOnly
                ? ` '${key}' differs from '${match.value}' only by case.`
                : ` Did you mean '${match.value}'?`;
          context.report({
            message: `${where}: unknown option '${key}'.${guess}`,
            hint: match
              ? `Replace '${key}' with '${match.value}'.`
              : `Remove it; ${kind ?? "this kind"} accepts ${(applicable ?? RELATION_OPTION_KEYS).join(", ")}.`,
            node,
            suggestions: match
              ? [{ kind: "replace", description: `Replace '${key}' with '${match.value}'`, node, replacement: match.value }]
              : [{ kind: "remove-option", description: `Remove '${key}'`, node }],
          });
          continue;
        }
        if (kind === undefined || applicable === undefined || PASSIVE_OPTION_KEYS.has(key)) continue;
        const sqlPivotForeignKey = isSqlPivotForeignKey(kind, key, model.store);
        if (applicable.includes(key) && !sqlPivotForeignKey) continue;
        context.report({
          message: sqlPivotForeignKey
            ? `${where}: foreignKey has no effect on a SQL belongsToMany (it names the id array of a Mongo document).`
            : `${where}: option '${key}' does not apply to ${kind}; ${kind} reads ${applicable.join(", ")}.`,
          hint: sqlPivotForeignKey
            ? "Use pivotForeignKey for the pivot column holding the target's key, and remove foreignKey."
            : `Remove '${key}'${key.startsWith("pivot") ? " (pivot options belong to belongsToMany)" : ""}.`,
          node,
          suggestions: [{ kind: "remove-option", description: `Remove '${key}'`, node }],
        });
      }
    });
  },
};
