/**
 * Eager loading: `with("posts.comments", "profile")` / `with({ posts: q => q.where(...) })` becomes a
 * tree; each level runs one query per relation (per store, per morph type, plus IN-list chunks) for
 * all parents at once, matches with Maps in one pass and stores the value under the relation name.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "./adapter";
import { RELATION_HANDLERS } from "./kinds";
import { resolveRelation } from "./resolve";

export interface EagerNode {
  constraint?: QueryConstraint;
  children: Map<string, EagerNode>;
}

/**
 * A `with()` argument: a path, a list of paths (lists may nest), or an object whose values are a
 * constraint (`q => ...`), `true`, or nested specs relative to the key (`{ posts: ["comments"] }`,
 * `{ posts: { comments: q => ... } }`).
 */
export type EagerSpec = string | readonly EagerSpec[] | { readonly [path: string]: QueryConstraint | true | undefined | EagerSpec };

/** Adds `with(...)` arguments to a tree (paths merge: "posts" and "posts.comments" share "posts"). */
export function addEagerPaths(tree: Map<string, EagerNode>, specs: readonly EagerSpec[], prefix = ""): void {
  for (const spec of specs) {
    if (typeof spec === "string") addPath(tree, prefix + spec, undefined);
    else if (Array.isArray(spec)) addEagerPaths(tree, spec, prefix);
    else if (spec && typeof spec === "object") {
      for (const [path, value] of Object.entries(spec)) {
        if (typeof value === "function") addPath(tree, prefix + path, value as QueryConstraint);
        else if (value === true || value === undefined) addPath(tree, prefix + path, undefined);
        else if (typeof value === "string" || (value !== null && typeof value === "object")) {
          addPath(tree, prefix + path, undefined);
          addEagerPaths(tree, [value as EagerSpec], `${prefix}${path}.`);
        } else {
          throw new TypeError(
            `with({ "${prefix}${path}": ${JSON.stringify(value)} }): the value must be a constraint (q => q.where(...)), true, ` +
              `or nested relations ({ ${path}: ["comments"] } / { ${path}: { comments: q => ... } }).`,
          );
        }
      }
    } else {
      throw new TypeError(
        `with() expects relation paths ("posts.comments") or an object { posts: q => ... }, got ${spec === null ? "null" : typeof spec}.`,
      );
    }
  }
}

function addPath(tree: Map<string, EagerNode>, path: string, constraint: QueryConstraint | undefined): void {
  const parts = path.split(".").map((p) => p.trim());
  if (parts.some((p) => p === ""))
    throw new TypeError(`with(): '${path}' is not a relation path (expected names joined by dots, like "posts.comments").`);
  let level = tree;
  parts.forEach((part, i) => {
    let node = level.get(part);
    if (!node) level.set(part, (node = { children: new Map() }));
    if (i === parts.length - 1 && constraint) node.constraint = constraint;
    level = node.children;
  });
}

/** Loads the tree into `models` (which may mix classes, e.g. after a morphTo). */
/**
 * Resolves every relation of an eager-load tree against `model` before any query runs, so a misspelt
 * path fails the same way whether or not the query finds rows. Children of a morphTo depend on each
 * row's type and are checked when loaded.
 */
export function assertEagerTree(model: ModelClass, tree: ReadonlyMap<string, EagerNode>): void {
  for (const [name, node] of tree) {
    const relation = resolveRelation(model, name);
    if (node.children.size && relation.target) assertEagerTree(relation.target, node.children);
  }
}

/**
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

/** Parses withCount arguments: "posts", "posts as n", { posts: q => ... }. */
export function parseCountSpecs(
  specs: readonly (string | Readonly<Record<string, QueryConstraint | true | undefined>>)[],
): Map<string, { relation: string; constraint?: QueryConstraint }> {
  const out = new Map<string, { relation: string; constraint?: QueryConstraint }>();
  const add = (raw: string, constraint?: QueryConstraint) => {
    const m = /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/i.exec(raw);
    if (!m) throw new TypeError(`withCount(): '${raw}' is not a relation name (optionally "name as alias").`);
    out.set(m[2] ?? `${m[1]}_count`, { relation: m[1]!, constraint });
  };
  for (const spec of specs) {
    if (typeof spec === "string") add(spec);
    else for (const [k, v] of Object.entries(spec)) add(k, typeof v === "function" ? v : undefined);
  }
  return out;
}
