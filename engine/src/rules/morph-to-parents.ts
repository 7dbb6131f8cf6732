import { effectiveMorphName } from "../resolve/model-index";
import type { Rule } from "../rule";
import { eachRelation, subject } from "../graph/walk";

export const morphToParents: Rule = {
  id: "morph-to-parents",
  code: "ELQ403",
  defaultSeverity: "error",
  suggests: ["replace"],
  description:
    "A morphTo has at least one possible parent: a model declaring morphOne/morphMany toward it with the same morphName, or a target that is itself a model.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "morphTo" || typeof relation.target !== "string") return;
      const name = effectiveMorphName(relation);
      if (name === undefined) return;
      if (index.model(relation.target) !== undefined || index.morphParentsOf(model.name, name).length > 0) return;
      const target = relation.target;
      const node = { model: model.name, relation: relation.name, part: "target" as const };
      if (index.hasUnverifiableTarget) {
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify that a parent declares morphOne/morphMany with morphName '${name}' toward ${model.name}: some relation targets are not literals.`,
          hint: "Write relation targets as string literals so morph parents can be found.",
          node,
        });
        return;
      }
      // Parents using this morphName toward other models often reveal the typo.
      const elsewhere = index
        .morphParents(name)
        .map((p) => `${p.model.name}.${p.relation.name} → ${describe(p.relation.target)}`)
        .sort();
      const match = index.suggestModel(target);
      context.report({
        message: `${subject(model, relation)} has no possible parent: '${target}' is not a model${match ? (match.caseOnly ? ` ('${target}' differs from model '${match.value}' only by case)` : ` (did you mean '${match.value}'?)`) : ""}, and no model declares morphOne/morphMany toward ${model.name} with morphName '${name}'.${elsewhere.length ? ` morphName '${name}' is used by ${elsewhere.join(", ")}.` : ""}`,
        hint: match
          ? `Replace '${target}' with '${match.value}', or declare morphMany("${model.name}", { morphName: "${name}" }) on each parent model.`
          : `Declare morphMany("${model.name}", { morphName: "${name}" }) (or morphOne) on each parent model, or point the target at a declared model.`,
        node,
        suggestions: match
          ? [{ kind: "replace", description: `Replace '${target}' with '${match.value}'`, node, replacement: match.value }]
          : [],
      });
    });
  },
};

function describe(target: unknown): string {
  return typeof target === "string" ? target : "?";
}
