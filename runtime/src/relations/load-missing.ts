/**
 * `loadMissing("posts.comments")`: loads only what is not loaded yet, level by level (a model whose
 * `posts` are loaded gets only their `comments`), one query per relation per level as with().
 * `reloadRelations(model)`: what `refresh()` does after re-reading the row (Laravel reloads the
 * loaded relations too, so they cannot go stale against the fresh keys).
 */
import type { Model } from "../model/model";
import { addEagerPaths, eagerLoad, type EagerNode, type EagerSpec } from "./eager";

export async function loadMissing(models: readonly Model[], specs: readonly EagerSpec[]): Promise<void> {
  const tree = new Map<string, EagerNode>();
  addEagerPaths(tree, specs);
  await loadMissingTree(models, tree);
}

async function loadMissingTree(models: readonly Model[], tree: ReadonlyMap<string, EagerNode>): Promise<void> {
  for (const [name, node] of tree) {
    const missing = models.filter((m) => !m.relationLoaded(name));
    if (missing.length)
      await eagerLoad(missing, new Map([[name, { constraint: node.constraint, columns: node.columns, children: new Map() }]]));
    if (!node.children.size) continue;
    const related: Model[] = [];
    for (const m of models) {
      const value = m.getRelation(name);
      if (Array.isArray(value)) related.push(...(value as Model[]));
      else if (value) related.push(value as Model);
    }
    if (related.length) await loadMissingTree(related, node.children);
  }
}

export async function reloadRelations(model: Model): Promise<void> {
  const names = Object.keys(model.getRelations());
  if (!names.length) return;
  for (const name of names) model.unsetRelation(name);
  await eagerLoad([model], new Map(names.map((n) => [n, { children: new Map() }] as const)));
}
