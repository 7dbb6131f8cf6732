import { isUnverifiable } from "../graph/graph";
import type { ModelInfo } from "../resolve/model-index";
import type { Rule } from "../rule";
import { describeValue } from "../graph/values";

export const morphAliasUnique: Rule = {
  id: "morph-alias-unique",
  code: "ELQ406",
  defaultSeverity: "error",
  description: "Each model's morph type value (its morphAlias, else its class name) is unique, and morphAlias is a string.",
  check(context) {
    const owners = new Map<string, ModelInfo>();
    const seenNames = new Set<string>();
    for (const model of context.index.models) {
      if (seenNames.has(model.name)) continue; // duplicate class names: name-clash reports them
      seenNames.add(model.name);
      const alias = model.node.morphAlias;
      const node = { model: model.name, part: "morphAlias" as const };
      if (isUnverifiable(alias)) {
        context.cannotVerify?.({
          message: `${model.name}: cannot verify morphAlias ${describeValue(alias)}: it is not a string literal.`,
          hint: "Write morphAlias as a string literal so its uniqueness can be checked.",
          node,
        });
        continue;
      }
      if (alias !== undefined && (typeof alias !== "string" || alias === "")) {
        context.report({
          message: `${model.name}: morphAlias must be a non-empty string, got ${describeValue(alias)}.`,
          hint: `Use a short stable string, e.g. static morphAlias = "${model.name.toLowerCase()}".`,
          node,
        });
        continue;
      }
      const value = alias ?? model.name;
      const other = owners.get(value);
      if (other === undefined) {
        owners.set(value, model);
        continue;
      }
      // Point at the model whose alias causes the collision.
      const culprit = alias !== undefined ? model : other;
      const innocent = culprit === model ? other : model;
      const innocentValue = innocent.morphAlias !== undefined ? `morphAlias '${innocent.morphAlias}'` : "class name";
      context.report({
        message: `${culprit.name}: morphAlias '${value}' is also the ${innocentValue} of ${innocent.name}; rows whose _type column holds '${value}' would be ambiguous.`,
        hint: `Give ${culprit.name} a morphAlias no other model uses.`,
        node: { model: culprit.name, part: "morphAlias" },
      });
    }
  },
};
