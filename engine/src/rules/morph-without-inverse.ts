import { effectiveMorphName, type ModelInfo } from "../resolve/model-index";
import type { RelationNode } from "../graph/graph";
import { targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import { didYouMean } from "../suggest";
import { kindOf, stringOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

export const morphWithoutInverse: Rule = {
  id: "morph-without-inverse",
  code: "ELQ405",
  defaultSeverity: "warning",
  suggests: ["replace", "add-relation"],
  description: "A morphOne/morphMany has a matching morphTo (same morphName) on its target.",
  check(context) {
    const { index } = context;
    // Per target, once: the morphTo whose name is not a literal, and the literal morph names.
    const morphTosOf = new Map<ModelInfo, { unknown: RelationNode | undefined; names: string[] }>();
    const morphTos = (target: ModelInfo) => {
      let found = morphTosOf.get(target);
      if (found === undefined) {
        const relations = target.node.relations.filter((r) => kindOf(r) === "morphTo");
        found = {
          unknown: relations.find((r) => effectiveMorphName(r) === undefined),
          names: relations.map((r) => effectiveMorphName(r)).filter((n): n is string => n !== undefined),
        };
        morphTosOf.set(target, found);
      }
      return found;
    };
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "morphOne" && kind !== "morphMany") return;
      const name = stringOption(relation, "morphName");
      const target = targetModel(index, relation);
      if (name === undefined || target === undefined) return;
      if (index.morphTos(target.name, name).length > 0) return;
      const node = { model: model.name, relation: relation.name, part: "option-value" as const, option: "morphName" };
      const { unknown: unknownMorphTo, names: otherNames } = morphTos(target);
      if (unknownMorphTo !== undefined || target.node.openSchema === true) {
        context.cannotVerify?.({
          message: `${subject(model, relation)}: cannot verify that ${target.name} declares a morphTo with morphName '${name}': ${unknownMorphTo ? `the morphName of ${target.name}.${unknownMorphTo.name} is not a literal` : `${target.name}'s schema is not fully known`}.`,
          hint: "Write morphName as a string literal on both sides so the pair can be matched.",
          node,
        });
        return;
      }
      const match = didYouMean(name, otherNames);
      if (match !== undefined) {
        context.report({
          message: `${subject(model, relation)}: ${target.name} declares no morphTo with morphName '${name}'; its morphTo uses '${match.value}'.`,
          hint: `Replace '${name}' with '${match.value}' so both sides use the same columns.`,
          node,
          suggestions: [{ kind: "replace", description: `Replace '${name}' with '${match.value}'`, node, replacement: match.value }],
        });
        return;
      }
      context.report({
        message: `${subject(model, relation)}: ${target.name} declares no morphTo with morphName '${name}', so a ${target.name} cannot load its parent ${model.name}.`,
        hint: `Add ${name}: relation("morphTo", "${model.name}", { morphName: "${name}" }) to ${target.name}.`,
        node,
        suggestions: [
          {
            kind: "add-relation",
            description: `Add ${name}: relation("morphTo", "${model.name}", { morphName: "${name}" }) to ${target.name}`,
            model: target.name,
            name,
            relationKind: "morphTo",
            target: model.name,
            options: { morphName: name },
          },
        ],
      });
    });
  },
};
