import { effectiveMorphName } from "../resolve/model-index";
import type { Rule } from "../rule";
import { eachRelation, listNames, subject } from "../graph/walk";

export const morphToTarget: Rule = {
  id: "morph-to-target",
  code: "ELQ404",
  defaultSeverity: "warning",
  suggests: ["replace"],
  description: "A morphTo whose target is not a model while parents exist: the target is only a label, the parents decide.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "morphTo" || typeof relation.target !== "string") return;
      if (index.model(relation.target) !== undefined) return;
      const name = effectiveMorphName(relation);
      if (name === undefined) return;
      // Sorted: graph order differs between fronts (file order), messages must not.
      const parents = [...new Set(index.morphParentsOf(model.name, name).map((p) => p.model.name))].sort();
      if (parents.length === 0) return; // morph-to-parents reports it
      const target = relation.target;
      const node = { model: model.name, relation: relation.name, part: "target" as const };
      const match = index.suggestModel(target);
      const caseNote = match?.caseOnly ? ` '${target}' differs from model '${match.value}' only by case.` : "";
      const replacement = match?.value ?? (parents.length === 1 ? parents[0] : undefined);
      context.report({
        message: `${subject(model, relation)}: target '${target}' is not a model.${caseNote} The parents found by morphName '${name}' are ${listNames(parents)}; the '${name}_type' column decides which one loads.`,
        hint: replacement
          ? `Replace '${target}' with '${replacement}' so the target names a real parent.`
          : `Name one of the parents (${listNames(parents)}) as target, or turn this rule off if '${target}' is a deliberate label.`,
        node,
        suggestions: replacement ? [{ kind: "replace", description: `Replace '${target}' with '${replacement}'`, node, replacement }] : [],
      });
    });
  },
};
