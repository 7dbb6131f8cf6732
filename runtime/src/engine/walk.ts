/** Iteration and message helpers shared by the rules. */
import type { RelationKind } from "../schema/relation";
import type { RelationNode } from "./graph";
import type { ModelIndex, ModelInfo } from "./model-index";
import { describeValue, kindOf } from "./values";

export type RelationVisitor = (model: ModelInfo, relation: RelationNode, kind: RelationKind | undefined) => void;

/** Calls `visit` for every relation of every model, in graph order. */
export function eachRelation(index: ModelIndex, visit: RelationVisitor): void {
  for (const model of index.models) {
    for (const relation of model.node.relations) visit(model, relation, kindOf(relation));
  }
}

/** "Post.author (belongsTo 'User')": how messages name a relation. */
export function subject(model: ModelInfo | string, relation: RelationNode): string {
  const name = typeof model === "string" ? model : model.name;
  const kind = typeof relation.kind === "string" ? relation.kind : "relation";
  return `${name}.${relation.name} (${kind} ${describeValue(relation.target)})`;
}

export const STORE_LABEL = { sql: "SQL", mongo: "Mongo" } as const;

/** "'a', 'b' and 'c'". */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
