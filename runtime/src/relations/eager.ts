/**
 * Eager loading: `with("posts.comments", "profile")` / `with({ posts: q => q.where(...) })` becomes a
 * tree; each level runs one query per relation (per store, per morph type, plus IN-list chunks) for
 * all parents at once, matches with Maps in one pass and stores the value under the relation name.
 */
import { aggregateAttribute } from "eloquent-engine";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "./adapter";
import { RELATION_HANDLERS } from "./kinds";
import { RelationError, resolveRelation, type ResolvedRelation } from "./resolve";

export interface EagerNode {
  /** Every constraint given for this path, combined (several specs for one path all apply). */
  constraint?: QueryConstraint;
  /** `"posts:id,title"`: only these columns are selected at this level (the union when several specs list some). */
  columns?: string[];
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
          addEagerPaths(tree, [value as EagerSpec], `${prefix}${splitColumns(path).path}.`);
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

/**
 * `"posts:id,title"` → the path `posts` and its columns. Only the last segment can list columns, and a column
 * may be qualified (`"revisions:revisions.comment_id"`), so the first colon, not a dot, ends the path.
 */
export function splitColumns(spec: string): { path: string; columns: string[] | undefined } {
  const colon = spec.indexOf(":");
  if (colon < 0) return { path: spec, columns: undefined };
  const columns = spec
    .slice(colon + 1)
    .split(",")
    .map((c) => c.trim());
  if (columns.some((c) => c === "")) {
    throw new TypeError(`with(): '${spec}' lists an empty column name; write "relation:col1,col2" (no spaces or trailing comma needed).`);
  }
  return { path: spec.slice(0, colon), columns };
}

function addPath(tree: Map<string, EagerNode>, spec: string, constraint: QueryConstraint | undefined): void {
  const { path, columns } = splitColumns(spec);
  const parts = path.split(".").map((p) => p.trim());
  if (parts.some((p) => p === ""))
    throw new TypeError(`with(): '${spec}' is not a relation path (expected names joined by dots, like "posts.comments").`);
  let level = tree;
  parts.forEach((part, i) => {
    let node = level.get(part);
    if (!node) level.set(part, (node = { children: new Map() }));
    if (i === parts.length - 1) {
      if (constraint) node.constraint = node.constraint ? both(node.constraint, constraint) : constraint;
      if (columns) node.columns = [...new Set([...(node.columns ?? []), ...columns])];
    }
    level = node.children;
  });
}

/** Two specs for one path: both constraints apply, in the order given. */
function both(first: QueryConstraint, second: QueryConstraint): QueryConstraint {
  return (query) => {
    first(query);
    return second(query);
  };
}

/** A column of a `"rel:cols"` list without its table qualifier (`revisions.comment_id` → `comment_id`). */
function bare(column: string): string {
  return column.slice(column.lastIndexOf(".") + 1);
}

/**
 * The columns the rows of `relation` need so each can be matched to its parent (on the related side): the
 * key the store compares. Pivot and through kinds match on the pivot / through row, which is always read.
 */
function matchingColumns(relation: ResolvedRelation, relatedPrimaryKey: string): string[] {
  switch (relation.kind) {
    case "belongsTo":
      return [relation.ownerKey!];
    case "morphTo":
      return [relation.ownerKey ?? relatedPrimaryKey];
    case "hasOne":
    case "hasMany":
    case "morphOne":
    case "morphMany":
      return [relation.morphId ?? relation.foreignKey];
    default:
      return [];
  }
}

/** The columns a parent needs for its own `child` relation to be loaded (the parent side of the match). */
function parentColumns(child: ResolvedRelation): string[] {
  if (child.kind === "belongsTo") return [child.foreignKey];
  if (child.kind === "morphTo") return [child.morphType!, child.morphId!];
  return [child.localKey];
}

/**
 * A `"rel:cols"` level must keep the keys its rows are matched by, and those its own children need; else the
 * relation would load empty without a word. `model` is the related class (each type, for a morphTo).
 */
function assertColumns(owner: ModelClass, name: string, node: EagerNode, relation: ResolvedRelation, model: ModelClass): void {
  const columns = node.columns!;
  const meta = modelMeta(model);
  const have = new Set(columns.map(bare));
  // a Mongo key answers to both `id` and `_id`
  if (have.has("id") || have.has("_id")) have.add("id").add("_id");
  const needs = [...matchingColumns(relation, meta.primaryKey)];
  for (const childName of node.children.keys()) needs.push(...parentColumns(resolveRelation(model, childName)));
  const missing = [...new Set(needs)].filter((c) => !have.has(c));
  if (missing.length) {
    throw new RelationError(
      `${modelMeta(owner).name}.with("${name}:${columns.join(",")}"): the columns must include ${missing.join(", ")}, which ` +
        `${missing.length > 1 ? "match" : "matches"} the ${meta.name} rows to their parents${node.children.size ? " or to their own eager relations" : ""}. ` +
        `Write "${name}:${[...columns, ...missing].join(",")}".`,
    );
  }
}

/** The constraint a level runs with: its columns selected (and checked, per type for a morphTo), then the user's. */
function levelConstraint(owner: ModelClass, name: string, node: EagerNode, relation: ResolvedRelation): QueryConstraint | undefined {
  const columns = node.columns;
  if (!columns) return node.constraint;
  // `meta.model`, not `model`: a morphTo's query comes through a proxy that binds functions (a class is one)
  return (query: { select(...c: string[]): unknown; meta: { model: ModelClass } }) => {
    // with() checked this already; load() / loadMissing() and a morphTo's types are checked here
    assertColumns(owner, name, node, relation, query.meta.model);
    query.select(...columns);
    return node.constraint?.(query);
  };
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
    if (node.columns && relation.target) {
      // unknown columns fail now with the query's own did-you-mean message
      (relation.target as unknown as { query(): { select(...c: string[]): unknown } }).query().select(...node.columns);
      assertColumns(model, name, node, relation, relation.target);
    }
    if (node.children.size && relation.target) assertEagerTree(relation.target, node.children);
  }
}

/**
 * `fresh`: the models were just read by the query of the level above, so a relation they already hold came with
 * that read (the target's `static defaultWith`, or an `inverse` parent) and is not read again; only the levels
 * below it load. A constraint or a column list always reads (it may select other rows or columns).
 */
export async function eagerLoad(models: readonly Model[], tree: ReadonlyMap<string, EagerNode>, fresh = false): Promise<void> {
  if (!models.length || !tree.size) return;
  for (const [cls, group] of groupByClass(models)) {
    for (const [name, node] of tree) {
      if (fresh && !node.constraint && !node.columns && group.every((m) => m.relationLoaded(name))) {
        resolveRelation(cls, name);
        if (node.children.size) await eagerLoad(loadedModels(group, name), node.children, true);
        continue;
      }
      const relation = resolveRelation(cls, name);
      const handler = RELATION_HANDLERS[relation.kind];
      const result = await handler.fetch(group, relation, levelConstraint(cls, name, node, relation));
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
    out.set(m[2] ?? aggregateAttribute(m[1]!, "count"), { relation: m[1]!, constraint });
  };
  for (const spec of specs) {
    if (typeof spec === "string") add(spec);
    else for (const [k, v] of Object.entries(spec)) add(k, typeof v === "function" ? v : undefined);
  }
  return out;
}
