import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { describeValue, readOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";
import { isThroughKind } from "../resolve/relation-keys";

export const throughModel: Rule = {
  id: "through-model",
  code: "ELQ103",
  defaultSeverity: "error",
  suggests: ["replace"],
  description: "A hasOneThrough/hasManyThrough names its intermediate model in `through`, and that model is declared.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (!isThroughKind(kind)) return;
      if (relation.options !== undefined && (typeof relation.options !== "object" || relation.options === null)) return;
      const at = { model: model.name, relation: relation.name };
      const read = readOption(relation, "through");
      if (read.state === "absent") {
        context.report({
          message: `${subject(model, relation)} names no through model: the intermediate model its target is reached through.`,
          hint: `Add through: '<Model>' to its options (Laravel's ${kind}($related, $through)).`,
          node: { ...at, part: "options" },
        });
        return;
      }
      const node = { ...at, part: "option-value" as const, option: "through" };
      const value = (relation.options as Record<string, unknown>).through;
      if (isUnverifiable(value)) {
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify through model ${describeValue(value)}: it is not a string literal.`,
          hint: "Write the through model's class name as a string literal so it can be checked.",
          node,
        });
        return;
      }
      // A non-string value is option-value-type's to report.
      if (typeof value !== "string" || value === "" || index.model(value) !== undefined) return;
      const match = index.suggestModel(value);
      context.report({
        message: `${subject(model, relation)}: through model '${value}' is not a declared model.${match ? ` Did you mean '${match.value}'?` : ""}`,
        hint: match
          ? `Replace '${value}' with '${match.value}'.`
          : `Declare (and register) a model class named '${value}', or fix the name.`,
        node,
        suggestions: match
          ? [{ kind: "replace", description: `Replace '${value}' with '${match.value}'`, node, replacement: match.value }]
          : [],
      });
    });
  },
};
