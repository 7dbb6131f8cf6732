/** Iteration and message helpers shared by the rules. */
import type { RelationKind } from "../dsl/relation";
import type { RelationNode } from "./graph";
import type { ModelIndex, ModelInfo } from "../resolve/model-index";
import { describeValue, kindOf, targetOf } from "./values";

export type RelationVisitor = (model: ModelInfo, relation: RelationNode, kind: RelationKind | undefined) => void;

/** Calls `visit` for every relation of every model, in graph order. */
export function eachRelation(index: ModelIndex, visit: RelationVisitor): void {
  for (const model of index.models) {
    for (const relation of model.node.relations) visit(model, relation, kindOf(relation));
  }
}

/** Calls `visit` for every relation of one of `kinds` whose target is a declared model. */
export function eachRelationToModel<K extends RelationKind>(
  index: ModelIndex,
  kinds: readonly K[],
  visit: (model: ModelInfo, relation: RelationNode, kind: K, target: ModelInfo) => void,
): void {
  eachRelation(index, (model, relation, kind) => {
    if (kind === undefined || !(kinds as readonly RelationKind[]).includes(kind)) return;
    const name = targetOf(relation);
    const target = name === undefined ? undefined : index.model(name);
    if (target !== undefined) visit(model, relation, kind as K, target);
  });
}

/** "Post.author (belongsTo 'User')": how messages name a relation. */
export function subject(model: ModelInfo | string, relation: RelationNode): string {
  const name = typeof model === "string" ? model : model.name;
  const kind = typeof relation.kind === "string" ? relation.kind : "relation";
  // The seed's morphTo names no target (its type column decides).
  if (relation.target === undefined && kind === "morphTo") return `${name}.${relation.name} (${kind})`;
  return `${name}.${relation.name} (${kind} ${describeValue(relation.target)})`;
}

export const STORE_LABEL = { sql: "SQL", mongo: "Mongo" } as const;

/** "'a', 'b' and 'c'". */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
