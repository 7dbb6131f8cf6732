/**
 * Laravel's `Collection::loadMorph` / `loadMorphCount`: nested loads (or counts) per parent type of a
 * morphTo. The morphTo is loaded first where it is not yet; then each listed type's parents load their own
 * specs together — one query per relation level per type, never one per model.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { addEagerPaths, eagerLoad, loadCounts, parseCountSpecs, type EagerNode, type EagerSpec } from "./eager";
import { resolveRelation, RelationError } from "./resolve";

type CountSpec = Parameters<typeof parseCountSpecs>[0][number];

/** The loaded morphTo parents of `models`, grouped by the type name listed in `perType`. */
async function parentsByType(models: readonly Model[], relation: string, perType: object, fn: string): Promise<Map<string, Model[]>> {
  const byType = new Map<string, Model[]>();
  if (!models.length) return byType;
  for (const model of models) {
    const cls = model.constructor as ModelClass;
    if (resolveRelation(cls, relation).kind !== "morphTo") {
      throw new RelationError(`${fn}(models, "${relation}", ...): ${modelMeta(cls).name}.${relation} is not a morphTo relation.`);
    }
  }
  const missing = models.filter((m) => !m.relationLoaded(relation));
  if (missing.length) {
    const tree = new Map<string, EagerNode>();
    addEagerPaths(tree, [relation]);
    await eagerLoad(missing, tree);
  }
  const wanted = new Set(Object.keys(perType));
  const seen = new Set<Model>();
  for (const model of models) {
    const parent = model.getRelation(relation) as Model | null;
    if (!parent || seen.has(parent)) continue;
    seen.add(parent);
    const meta = modelMeta(parent.constructor as ModelClass);
    // Listed by class (model) name, or by morph alias.
    const key = wanted.has(meta.name)
      ? meta.name
      : meta.morphAlias !== undefined && wanted.has(meta.morphAlias)
        ? meta.morphAlias
        : undefined;
    if (key === undefined) continue;
    let group = byType.get(key);
    if (!group) byType.set(key, (group = []));
    group.push(parent);
  }
  return byType;
}

/** `loadMorph(comments, "commentable", { Post: ["author"], Video: "tags" })`. */
export async function loadMorph(models: readonly Model[], relation: string, perType: Readonly<Record<string, EagerSpec>>): Promise<void> {
  for (const [type, parents] of await parentsByType(models, relation, perType, "loadMorph")) {
    const tree = new Map<string, EagerNode>();
    addEagerPaths(tree, [perType[type]!]);
    await eagerLoad(parents, tree);
  }
}

/** `loadMorphCount(comments, "commentable", { Post: ["likes"] })`: `<relation>_count` on the listed types' parents. */
export async function loadMorphCount(
  models: readonly Model[],
  relation: string,
  perType: Readonly<Record<string, CountSpec | readonly CountSpec[]>>,
): Promise<void> {
  for (const [type, parents] of await parentsByType(models, relation, perType, "loadMorphCount")) {
    const spec = perType[type]!;
    await loadCounts(parents, parseCountSpecs(Array.isArray(spec) ? (spec as readonly CountSpec[]) : [spec as CountSpec]));
  }
}
