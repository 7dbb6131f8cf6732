import { morphColumns as conventionalMorphColumns } from "../conventions";
import type { NodeRef } from "../diagnostic";
import { columnType, requireColumn, resolveKey, targetModel, type ResolvedKey } from "../keys";
import type { ModelInfo } from "../model-index";
import type { Rule, RuleContext } from "../rule";
import { stringOption } from "../values";
import type { RelationNode } from "../graph";
import { eachRelation, subject } from "../walk";

export const morphColumns: Rule = {
  id: "morph-columns",
  code: "ELQ402",
  defaultSeverity: "error",
  description:
    "The '<morphName>_type' and '<morphName>_id' columns (or the morphType/morphId overrides) exist: on the declaring model for morphTo, on the target for morphOne/morphMany.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "morphOne" && kind !== "morphMany" && kind !== "morphTo") return;
      const morphName = stringOption(relation, "morphName");
      if (morphName === undefined) return;
      const owner = kind === "morphTo" ? model : targetModel(index, relation);
      if (owner === undefined) return;
      let idRefType: string | undefined;
      if (kind === "morphTo") {
        const parent = index.morphParentsOf(model.name, morphName)[0];
        const typed = parent ?? undefined;
        if (typed) idRefType = columnType(typed.model, stringOption(typed.relation, "localKey") ?? typed.model.primaryKey);
        else {
          const target = targetModel(index, relation);
          if (target) idRefType = columnType(target, target.primaryKey);
        }
      } else {
        idRefType = columnType(model, stringOption(relation, "localKey") ?? model.primaryKey);
      }
      const names = conventionalMorphColumns(morphName);
      const type = resolveKey(relation, "morphType", () => names.type);
      const id = resolveKey(relation, "morphId", () => names.id);
      if (type) check(context, model, relation, owner, morphName, type, "string");
      if (id) check(context, model, relation, owner, morphName, id, idRefType);
    });
  },
};

function check(
  context: RuleContext,
  model: ModelInfo,
  relation: RelationNode,
  owner: ModelInfo,
  morphName: string,
  key: ResolvedKey,
  referencedType: string | undefined,
): void {
  // An inferred column comes from morphName: point there.
  const node: NodeRef | undefined = key.inferred
    ? { model: model.name, relation: relation.name, part: "option-value", option: "morphName" }
    : undefined;
  requireColumn(context, {
    owner,
    key: { ...key, origin: `from morphName '${morphName}'` },
    model,
    relation,
    referencedType,
    subject: subject(model, relation),
    ...(node ? { node } : {}),
  });
}
