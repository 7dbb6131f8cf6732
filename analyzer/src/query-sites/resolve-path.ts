/**
 * Relation paths at query sites — `with("posts.comments")`, `load`, `withCount`, `related` — resolved
 * against the model graph, segment by segment (Larastan checks the names; we also follow nested paths).
 * Pure: graph + path in, segments and engine-shaped diagnostics out.
 */
import type { Diagnostic, ModelNode, RelationNode, SourceSpan } from "eloquent-engine";

export const RELATION_PATH_RULE = {
  id: "relation-path",
  code: "ELQ801",
  defaultSeverity: "error",
  suggests: ["replace"],
  description: "Relation paths at query sites (with, load, withCount, related) name relations that exist, segment by segment.",
} as const;

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

export type DidYouMean = (input: string, candidates: Iterable<string>) => { value: string; caseOnly: boolean } | undefined;

/**
 * Resolves `path` (e.g. "posts.comments", text starting at file offset `start`) from the model `root`.
 * Stops silently where the graph cannot say (a morphTo, an open schema, a target that is not a model —
 * the engine reports the last one on the declaration).
 */
export function resolveRelationPath(
  models: ReadonlyMap<string, ModelNode>,
  root: string,
  path: string,
  start: number,
  file: string,
  method: string,
  didYouMean: DidYouMean,
): ResolvedPath {
  const segments: PathSegment[] = [];
  const diagnostics: Diagnostic[] = [];
  let model = models.get(root);
  let offset = start;
  const parts = path.split(".");
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    const segmentStart = offset;
    offset += name.length + 1;
    if (!model) break;
    const segment: PathSegment = { name, start: segmentStart, end: segmentStart + name.length, model: model.name };
    segments.push(segment);
    const relation = model.relations.find((candidate) => candidate.name === name);
    if (!relation) {
      if (model.openSchema) break;
      const names = model.relations.map((candidate) => candidate.name);
      const match = name === "" ? undefined : didYouMean(name, names);
      const where = parts.length > 1 ? ` in path '${path}'` : "";
      const span: SourceSpan = { file, start: segment.start, end: Math.max(segment.end, segment.start) };
      diagnostics.push({
        ruleId: RELATION_PATH_RULE.id,
        code: RELATION_PATH_RULE.code,
        severity: RELATION_PATH_RULE.defaultSeverity,
        message:
          name === ""
            ? `${method}('${path}'): empty relation name${where} on ${model.name}.`
            : `${method}('${path}'): ${model.name} has no relation '${name}'${where}.${
                match ? (match.caseOnly ? ` '${name}' differs from '${match.value}' only by case.` : ` Did you mean '${match.value}'?`) : ""
              }`,
        hint:
          names.length > 0
            ? `Relations of ${model.name}: ${names.join(", ")}.`
            : `${model.name} declares no relations; add one to its static schema with relation(...).`,
        node: { model: model.name, part: "model" },
        span,
        suggestions: match
          ? [{ kind: "replace", description: `Replace '${name}' with '${match.value}'`, node: { model: model.name, relation: match.value, part: "relation-name" }, replacement: match.value }]
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

/** `withCount("posts as total")` counts `posts`: the alias is not part of the path. */
export function stripAlias(text: string): string {
  const match = /^(.*?)\s+as\s+\S+\s*$/i.exec(text);
  return match ? match[1]! : text;
}
