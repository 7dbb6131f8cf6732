/**
 * Document symbols (the outline, `navtree`): a relation entry of `static schema` reads "posts: hasMany → Post"
 * instead of a bare property name, so the outline shows what each model relates to.
 */
import type * as TS from "typescript";
import type { Snapshot } from "eloquent-analyzer";

export function withRelationLabels(tree: TS.NavigationTree, snapshot: Snapshot, fileName: string): TS.NavigationTree {
  const labels = new Map<number, string>();
  for (const model of snapshot.extraction.graph.models) {
    if (model.loc?.name?.file !== fileName) continue;
    for (const relation of model.relations) {
      const name = relation.loc?.name;
      if (!name) continue;
      const kind = typeof relation.kind === "string" ? relation.kind : "?";
      const target =
        typeof relation.target === "string" ? relation.target : Array.isArray(relation.target) ? relation.target.join(" | ") : "?";
      labels.set(
        name.start,
        kind === "morphTo" && typeof relation.target !== "string" ? `${relation.name}: morphTo` : `${relation.name}: ${kind} → ${target}`,
      );
    }
  }
  if (labels.size === 0) return tree;
  const relabel = (item: TS.NavigationTree): TS.NavigationTree => {
    const label = item.nameSpan ? labels.get(item.nameSpan.start) : undefined;
    const childItems = item.childItems?.map(relabel);
    return { ...item, ...(label ? { text: label } : {}), ...(childItems ? { childItems } : {}) };
  };
  return relabel(tree);
}
