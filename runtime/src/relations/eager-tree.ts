/**
 * The eager-load tree of `with(...)` / `static defaultWith` and the withCount specs: parsing and checking, no
 * loading (eager.ts loads), so the relation kinds' modules may use it without an import cycle.
 */
import type { QueryConstraint } from "./adapter";
import type { ModelClass } from "../model/types";
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
