import type { NodeRef } from "../diagnostic";
import { columnType, requireColumn, targetModel, type ResolvedKey } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { ModelIndex, ModelInfo } from "../resolve/model-index";
import type { Rule, RuleContext } from "../rule";
import { stringOption } from "../graph/values";
import type { RelationNode } from "../graph/graph";
import { eachRelation, subject } from "../graph/walk";

export const morphColumns: Rule = {
  id: "morph-columns",
  code: "ELQ402",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
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
      const idRefType =
        kind === "morphTo"
          ? parentKeyType(index, model, relation, morphName)
          : columnType(model, stringOption(relation, "localKey") ?? model.primaryKey);
      const { morphType: type, morphId: id } = describeRelationKeys(index, model, relation);
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

/** Key type the morphTo's id column must hold: the parents' common key type, "string" when they differ. */
function parentKeyType(index: ModelIndex, model: ModelInfo, relation: RelationNode, morphName: string): string | undefined {
  const types = new Set<string | undefined>();
  for (const parent of index.morphParentsOf(model.name, morphName)) {
    types.add(columnType(parent.model, stringOption(parent.relation, "localKey") ?? parent.model.primaryKey));
  }
  if (types.size === 0) {
    const target = targetModel(index, relation);
    return target ? columnType(target, target.primaryKey) : undefined;
  }
  return types.size === 1 ? [...types][0] : "string";
}
