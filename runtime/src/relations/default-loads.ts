/**
 * `static defaultWith = ["author", "comments.likes"]` / `static defaultWithCount = ["comments"]` (Laravel's `$with` /
 * `$withCount`, renamed because `with` and `withCount` are already static query methods): every query of the model
 * starts with these loads, so they also apply when the model is loaded as a relation of another model (the relation
 * loaders read through the target's own query).
 *
 * Checked once per class, at its first query: the paths must be relations, and the defaults must not load each
 * other in a circle (Post loads its User whose defaultWith loads the posts again, without end).
 */
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { RelationError, resolveRelation } from "./resolve";
import { addEagerPaths, assertEagerTree, parseCountSpecs, type EagerNode, type EagerSpec } from "./eager";
import type { QueryConstraint } from "./adapter";

export type CountSpecs = Map<string, { relation: string; constraint?: QueryConstraint }>;

export interface DefaultLoads {
  readonly tree: ReadonlyMap<string, EagerNode> | undefined;
  readonly counts: CountSpecs | undefined;
}

const NONE: DefaultLoads = { tree: undefined, counts: undefined };
const cache = new WeakMap<Function, DefaultLoads>();

/** The class's default eager tree and counts (undefined when it declares none). */
export function defaultLoads(cls: ModelClass): DefaultLoads {
  let loads = cache.get(cls);
  if (loads === undefined) {
    loads = readDefaults(cls);
    cache.set(cls, loads);
    // After caching: a cycle back to this class finds its (already read) tree instead of recursing.
    if (loads.tree) {
      try {
        assertNoCycle(cls);
      } catch (error) {
        cache.delete(cls); // every query of the class fails the same way, not only the first
        throw error;
      }
    }
  }
  return loads;
}

/** Forget what was read (tests that change the statics). */
export function resetDefaultLoads(cls: Function): void {
  cache.delete(cls);
}

function readDefaults(cls: ModelClass): DefaultLoads {
  const statics = cls as unknown as { defaultWith?: unknown; defaultWithCount?: unknown };
  const name = modelMeta(cls).name;
  let tree: Map<string, EagerNode> | undefined;
  let counts: CountSpecs | undefined;
  if (statics.defaultWith !== undefined) {
    if (!Array.isArray(statics.defaultWith)) {
      throw new RelationError(
        `${name}.defaultWith must be a list of relation paths (static defaultWith = ["author", "comments.likes"]), got ${typeof statics.defaultWith}.`,
      );
    }
    tree = new Map();
    try {
      addEagerPaths(tree, statics.defaultWith as EagerSpec[]);
      assertEagerTree(cls, tree);
    } catch (error) {
      throw new RelationError(`${name}.defaultWith: ${(error as Error).message}`);
    }
    if (!tree.size) tree = undefined;
  }
  if (statics.defaultWithCount !== undefined) {
    if (!Array.isArray(statics.defaultWithCount)) {
      throw new RelationError(
        `${name}.defaultWithCount must be a list of relation names (static defaultWithCount = ["comments"]), got ${typeof statics.defaultWithCount}.`,
      );
    }
    try {
      counts = parseCountSpecs(statics.defaultWithCount as string[]);
      for (const [, { relation }] of counts) resolveRelation(cls, relation);
    } catch (error) {
      throw new RelationError(`${name}.defaultWithCount: ${(error as Error).message}`);
    }
    if (!counts.size) counts = undefined;
  }
  return tree || counts ? { tree, counts } : NONE;
}

/**
 * Walks the classes the defaults load (each loaded class brings its own defaults) and fails on the first class
 * reached again. A morphTo's parents depend on each row, so the walk stops there.
 */
function assertNoCycle(start: ModelClass): void {
  const chain: { cls: ModelClass; via: string }[] = [];
  const onChain = new Set<ModelClass>();
  const visit = (cls: ModelClass, via: string) => {
    if (onChain.has(cls)) {
      const from = chain.findIndex((step) => step.cls === cls);
      const steps = [...chain.slice(from + 1).map((s) => s.via), via].join(", whose ");
      const first = modelMeta(cls).name;
      throw new RelationError(
        `${first}.defaultWith loads in a circle: ${steps} — each query would load the next without end. ` +
          `Remove one of these paths from defaultWith and load it where it is needed instead (${first}.with("...")).`,
      );
    }
    // Read without checking: the walk from `start` reports the circle as seen from the class queried.
    const tree = (cache.get(cls) ?? readDefaults(cls)).tree;
    if (!tree) return;
    chain.push({ cls, via });
    onChain.add(cls);
    walk(cls, tree, "");
    chain.pop();
    onChain.delete(cls);
  };
  const walk = (owner: ModelClass, tree: ReadonlyMap<string, EagerNode>, prefix: string) => {
    const ownerName = modelMeta(chain[chain.length - 1]!.cls).name;
    for (const [name, node] of tree) {
      const target = resolveRelation(owner, name).target;
      if (!target) continue;
      visit(target, `${ownerName}.defaultWith "${prefix}${name}" loads ${modelMeta(target).name}`);
      if (node.children.size) walk(target, node.children, `${prefix}${name}.`);
    }
  };
  visit(start, "");
}

/** A copy a query may change (`with`, `without`) without touching the class's defaults. */
export function copyTree(tree: ReadonlyMap<string, EagerNode>): Map<string, EagerNode> {
  const out = new Map<string, EagerNode>();
  for (const [name, node] of tree) {
    out.set(name, {
      constraint: node.constraint,
      ...(node.columns ? { columns: [...node.columns] } : {}),
      children: copyTree(node.children),
    });
  }
  return out;
}

/** `without("author", "comments.likes")`: removes those paths (and what hangs below them) from a tree. */
export function removePaths(tree: Map<string, EagerNode>, paths: readonly string[]): void {
  for (const path of paths) {
    const parts = path.split(".").map((p) => p.trim());
    let level: Map<string, EagerNode> | undefined = tree;
    for (let i = 0; i < parts.length - 1 && level; i++) level = level.get(parts[i]!)?.children;
    level?.delete(parts[parts.length - 1]!);
  }
}
