import { effectiveMorphName, type ModelInfo } from "../resolve/model-index";
import type { RelationNode } from "../graph/graph";
import { targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import { kindOf, readOption } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

export const morphName: Rule = {
  id: "morph-name",
  code: "ELQ401",
  defaultSeverity: "error",
  description: "morphOne, morphMany, morphTo, morphToMany and morphedByMany declare a morphName (the prefix of the _type/_id columns).",
  suggests: ["add-options"],
  check(context) {
    const { index } = context;
    // Per target, once: a model with thousands of morph relations must not rescan the target for each.
    const morphTosOf = new Map<ModelInfo, RelationNode[]>();
    const morphTos = (target: ModelInfo): RelationNode[] => {
      let found = morphTosOf.get(target);
      if (found === undefined) morphTosOf.set(target, (found = target.node.relations.filter((r) => kindOf(r) === "morphTo")));
      return found;
    };
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "morphOne" && kind !== "morphMany" && kind !== "morphTo" && kind !== "morphToMany" && kind !== "morphedByMany") return;
      if (relation.options !== undefined && (typeof relation.options !== "object" || relation.options === null)) return;
      if (readOption(relation, "morphName").state !== "absent") return;
      let proposal: string | undefined;
      if (kind === "morphTo") {
        proposal = relation.name;
      } else if (kind === "morphedByMany") {
        // The inverse side: the morphToMany on the target toward this model names the pair.
        const target = targetModel(index, relation);
        const inverses = target ? target.node.relations.filter((r) => kindOf(r) === "morphToMany" && r.target === model.name) : [];
        if (inverses.length === 1) proposal = effectiveMorphName(inverses[0]!);
      } else if (kind === "morphToMany") {
        const target = targetModel(index, relation);
        const inverses = target ? target.node.relations.filter((r) => kindOf(r) === "morphedByMany") : [];
        if (inverses.length === 1) proposal = effectiveMorphName(inverses[0]!);
      } else {
        // The target's own morphTo names the pair, when there is exactly one.
        const target = targetModel(index, relation);
        const onTarget = target ? morphTos(target) : [];
        if (onTarget.length === 1) proposal = effectiveMorphName(onTarget[0]);
      }
      const node = { model: model.name, relation: relation.name, part: "options" as const };
      context.report({
        message: `${subject(model, relation)} has no morphName: the '<morphName>_type' and '<morphName>_id' columns it uses are unnamed.`,
        hint: proposal
          ? `Add morphName: '${proposal}' (columns ${proposal}_type and ${proposal}_id).`
          : "Add morphName: '<name>' matching the morphTo on the target (e.g. 'commentable').",
        node,
        suggestions: proposal
          ? [{ kind: "add-options", description: `Add morphName: '${proposal}'`, node, options: { morphName: proposal } }]
          : [],
      });
    });
  },
};
