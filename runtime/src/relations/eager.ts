/**
 * Eager loading: `with("posts.comments", "profile")` / `with({ posts: q => q.where(...) })` becomes a
 * tree; each level runs one query per relation (per store, per morph type, plus IN-list chunks) for
 * all parents at once, matches with Maps in one pass and stores the value under the relation name.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "./adapter";
import type { EagerNode } from "./eager-tree";
import { RELATION_HANDLERS } from "./kinds";
import { resolveRelation } from "./resolve";

export { addEagerPaths, assertEagerTree, parseCountSpecs, type EagerNode, type EagerSpec } from "./eager-tree";

/**
 * Loads the tree into `models` (which may mix classes, e.g. after a morphTo).
 *
 * `fresh`: the models were just read by the query of the level above, so a relation they already hold came with
 * that read (the target's `static defaultWith`, or an `inverse` parent) and is not read again; only the levels
 * below it load. A constraint always reads (it may select other rows than the default did).
 */
export async function eagerLoad(models: readonly Model[], tree: ReadonlyMap<string, EagerNode>, fresh = false): Promise<void> {
  if (!models.length || !tree.size) return;
  for (const [cls, group] of groupByClass(models)) {
    for (const [name, node] of tree) {
      if (fresh && !node.constraint && group.every((m) => m.relationLoaded(name))) {
        resolveRelation(cls, name);
        if (node.children.size) await eagerLoad(loadedModels(group, name), node.children, true);
        continue;
      }
      const relation = resolveRelation(cls, name);
      const handler = RELATION_HANDLERS[relation.kind];
      const result = await handler.fetch(group, relation, node.constraint);
      for (let i = 0; i < group.length; i++) {
        const parent = group[i]!;
        parent.setRelation(name, result.resultFor(parent));
      }
      if (node.children.size) await eagerLoad(result.related, node.children, true);
    }
  }
}

/** The models a relation holds on each of `models` (arrays flattened, nulls dropped). */
function loadedModels(models: readonly Model[], name: string): Model[] {
  const out: Model[] = [];
  for (const m of models) {
    const value = m.getRelation(name);
    if (Array.isArray(value)) out.push(...(value as Model[]));
    else if (value) out.push(value as Model);
  }
  return out;
}

/** `withCount`: sets `<relation>_count` (or the alias from `"posts as published_count"`). */
export async function loadCounts(
  models: readonly Model[],
  counts: ReadonlyMap<string, { relation: string; constraint?: QueryConstraint }>,
): Promise<void> {
  if (!models.length || !counts.size) return;
  for (const [cls, group] of groupByClass(models)) {
    for (const [alias, { relation: name, constraint }] of counts) {
      const relation = resolveRelation(cls, name);
      const countOf = await RELATION_HANDLERS[relation.kind].count(group, relation, constraint);
      ensureAccessor(cls, alias);
      for (const parent of group) parent.setComputed(alias, countOf(parent));
    }
  }
}

/** Counts become attributes; give them a typed-looking accessor like the schema columns. */
export function ensureAccessor(cls: ModelClass, name: string): void {
  const proto = cls.prototype as object;
  if (name in proto) return;
  Object.defineProperty(proto, name, {
    configurable: true,
    enumerable: false,
    get(this: Model) {
      return this.get(name);
    },
  });
}

export function groupByClass(models: readonly Model[]): Map<ModelClass, Model[]> {
  const first = models[0]!.constructor as ModelClass;
  // Fast path: one class (the common case) needs no grouping.
  let mixed = false;
  for (let i = 1; i < models.length; i++)
    if (models[i]!.constructor !== first) {
      mixed = true;
      break;
    }
  if (!mixed) {
    modelMeta(first);
    return new Map([[first, models as Model[]]]);
  }
  const groups = new Map<ModelClass, Model[]>();
  for (const m of models) {
    const cls = m.constructor as ModelClass;
    const g = groups.get(cls);
    if (g) g.push(m);
    else groups.set(cls, [m]);
  }
  return groups;
}
