/**
 * `relation-path` (ELQ801): relation paths at query sites — `with("posts.comments")`, `load`, `withCount`,
 * `whereHas`, `related`, … — name relations that exist, segment by segment. Not a graph rule (it needs a
 * query site, which the analyzer finds in source); a pure function of a graph, a path and its span, so the
 * message, hint and suggestions come from the engine like every other diagnostic. The runtime throws the
 * same "has no relation" text (`unknownRelationText`) when such a path runs.
 */
import type { Diagnostic } from "../diagnostic";
import type { ModelGraph, ModelNode, RelationNode, SourceSpan } from "../graph/graph";
import type { RuleMeta } from "../rule";
import { didYouMean, didYouMeanText, type Match } from "../suggest";

export const RELATION_PATH_RULE: RuleMeta = {
  id: "relation-path",
  code: "ELQ801",
  defaultSeverity: "error",
  suggests: ["replace"],
  description:
    "Relation paths at query sites (with, withCount, whereHas, has, whereRelation, withSum…, load, loadMissing, related, without…) name relations that exist, segment by segment.",
};

/**
 * Every runtime method that takes relation paths, and which arguments are paths: `all` (each argument, arrays
 * and object keys: `withCount("a", ["b"], { c: q => q })`), `nested` (as `all`, plus the children a key's value
 * lists: `with({ d: ["e"], f: { g: true } })`), `first` (`whereHas("posts", q => …)`) or `second`
 * (`whereAttachedTo(tag, "tags")`).
 * The list the query-site finder looks for; a test keeps it equal to what the runtime implements.
 */
export const RELATION_PATH_METHODS: Readonly<Record<string, "all" | "nested" | "first" | "second">> = Object.freeze({
  with: "nested",
  withCount: "all",
  whereHas: "first",
  orWhereHas: "first",
  whereDoesntHave: "first",
  orWhereDoesntHave: "first",
  has: "first",
  orHas: "first",
  doesntHave: "first",
  orDoesntHave: "first",
  whereRelation: "first",
  orWhereRelation: "first",
  whereDoesntHaveRelation: "first",
  orWhereDoesntHaveRelation: "first",
  whereHasMorph: "first",
  orWhereHasMorph: "first",
  whereDoesntHaveMorph: "first",
  orWhereDoesntHaveMorph: "first",
  hasMorph: "first",
  orHasMorph: "first",
  doesntHaveMorph: "first",
  orDoesntHaveMorph: "first",
  whereMorphRelation: "first",
  orWhereMorphRelation: "first",
  whereMorphDoesntHaveRelation: "first",
  orWhereMorphDoesntHaveRelation: "first",
  whereAttachedTo: "second",
  withSum: "first",
  withAvg: "first",
  withMin: "first",
  withMax: "first",
  withExists: "all",
  loadMissing: "nested",
  load: "nested",
  loadCount: "all",
  loadSum: "first",
  loadAvg: "first",
  loadMin: "first",
  loadMax: "first",
  related: "first",
  without: "all",
});

/** `withCount("posts as total")` counts `posts`: the alias is not part of the path. */
export function stripPathAlias(text: string): string {
  const match = /^(.*?)\s+as\s+\S+\s*$/i.exec(text);
  return match ? match[1]! : text;
}

/**
 * `with("posts:id,title")` selects columns of `posts`: the column list (after the first colon) is not part of
 * the path. Columns may be qualified (`"revisions:revisions.comment_id"`), so the colon, not a dot, ends the path.
 */
export function stripPathColumns(text: string): string {
  const colon = text.indexOf(":");
  return colon < 0 ? text : text.slice(0, colon);
}

/** "Post has no relation 'auth'. Did you mean 'author'?" and the hint listing the relations: runtime and rule share it. */
export function unknownRelationText(
  model: string,
  name: string,
  relations: readonly string[],
): { message: string; hint: string; match: Match | undefined } {
  const match = name === "" ? undefined : didYouMean(name, relations);
  return {
    message: name === "" ? `empty relation name on ${model}.` : `${model} has no relation '${name}'.${didYouMeanText(match, name)}`,
    hint:
      relations.length > 0
        ? `Relations of ${model}: ${relations.join(", ")}.`
        : `${model} declares no relations; add one to its static schema with relation(...).`,
    match,
  };
}

export interface PathSegment {
  name: string;
  /** Offsets of the segment in the file. */
  start: number;
  end: number;
  /** The model the segment is looked up on. */
  model: string;
  /** The relation found, when it exists. */
  relation?: RelationNode;
}

export interface ResolvedPath {
  segments: PathSegment[];
  diagnostics: Diagnostic[];
}

export interface RelationPathSite {
  /** The query method (`with`, `whereHas`, …), for the message. */
  method: string;
  /** The model the path starts from. */
  root: string;
  /** The path text, alias and column list stripped (`posts.comments`). */
  path: string;
  /**
   * A nested spec's enclosing keys (`"posts"` for `comments` in `with({ posts: ["comments"] })`): resolved first,
   * silently — each enclosing key is a site of its own — so `path` starts from the model they reach.
   */
  parent?: string;
  /** Where the path text starts (inside the quotes). */
  file: string;
  start: number;
}

const modelMaps = new WeakMap<ModelGraph, ReadonlyMap<string, ModelNode>>();

/**
 * Models by name, first declaration winning (as in name-clash); cached per graph. A model renamed by
 * `static modelName` is also found by its class name, since query sites start from the class
 * (`Admin.with(...)` where `class Admin { static modelName = "Staff" }`).
 */
export function modelsByName(graph: ModelGraph): ReadonlyMap<string, ModelNode> {
  let map = modelMaps.get(graph);
  if (map === undefined) {
    const built = new Map<string, ModelNode>();
    for (const model of graph.models) if (!built.has(model.name)) built.set(model.name, model);
    for (const model of graph.models) if (model.className !== undefined && !built.has(model.className)) built.set(model.className, model);
    modelMaps.set(graph, (map = built));
  }
  return map;
}

const relationMaps = new WeakMap<ModelNode, ReadonlyMap<string, RelationNode>>();

/** A model's relations by name, first declaration winning; cached per model so each segment is one lookup. */
function relationNamed(model: ModelNode, name: string): RelationNode | undefined {
  let map = relationMaps.get(model);
  if (map === undefined) {
    const built = new Map<string, RelationNode>();
    for (const relation of model.relations) if (!built.has(relation.name)) built.set(relation.name, relation);
    relationMaps.set(model, (map = built));
  }
  return map.get(name);
}

/**
 * The model a nested spec's path starts from: `root`, followed along `parent` (the enclosing keys). Undefined
 * where the graph cannot say (an unknown or morphTo parent — the parent's own site reports an unknown name).
 */
export function pathStart(models: ReadonlyMap<string, ModelNode>, root: string, parent: string | undefined): ModelNode | undefined {
  let model = models.get(root);
  for (const name of parent ? parent.split(".") : []) {
    const relation = model ? relationNamed(model, name) : undefined;
    model = relation && relation.kind !== "morphTo" && typeof relation.target === "string" ? models.get(relation.target) : undefined;
  }
  return model;
}

/**
 * Resolves a site's path from its root model, segment by segment. Stops silently where the graph cannot
 * say (after a morphTo, on an open schema, at a target that is not a model — the engine reports that one
 * on the declaration).
 */
export function checkRelationPath(models: ReadonlyMap<string, ModelNode>, site: RelationPathSite): ResolvedPath {
  const segments: PathSegment[] = [];
  const diagnostics: Diagnostic[] = [];
  let model = pathStart(models, site.root, site.parent);
  let offset = site.start;
  for (const name of site.path.split(".")) {
    const segmentStart = offset;
    offset += name.length + 1;
    if (!model) break;
    const segment: PathSegment = { name, start: segmentStart, end: segmentStart + name.length, model: model.name };
    segments.push(segment);
    const relation = relationNamed(model, name);
    if (!relation) {
      if (model.openSchema) break;
      const text = unknownRelationText(
        model.name,
        name,
        model.relations.map((candidate) => candidate.name),
      );
      const span: SourceSpan = { file: site.file, start: segment.start, end: segment.end };
      diagnostics.push({
        ruleId: RELATION_PATH_RULE.id,
        code: RELATION_PATH_RULE.code,
        severity: RELATION_PATH_RULE.defaultSeverity,
        message: `${site.method}('${site.path}'): ${text.message}`,
        hint: text.hint,
        node: { model: model.name, part: "model" },
        span,
        suggestions: text.match
          ? [
              {
                kind: "replace",
                description: `Replace '${name}' with '${text.match.value}'`,
                node: { model: model.name, relation: text.match.value, part: "relation-name" },
                replacement: text.match.value,
              },
            ]
          : [],
      });
      break;
    }
    segment.relation = relation;
    // morphTo points at "any parent": nothing more to follow statically.
    if (relation.kind === "morphTo" || typeof relation.target !== "string") break;
    model = models.get(relation.target);
  }
  return { segments, diagnostics };
}
