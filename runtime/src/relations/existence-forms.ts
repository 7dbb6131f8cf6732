/**
 * The shorthand existence forms both query builders share (Laravel's whereRelation / whereMorphRelation /
 * hasMorph / whereAttachedTo): each one is turned into a whereHas / whereHasMorph call here, so the SQL and
 * Mongo builders keep only their own existence machinery and the shorthands mean the same on both.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "./adapter";
import { RelationError, resolveRelation } from "./resolve";

/** A related-row condition: `(column, value)`, `(column, operator, value)`, or a callback `(q, type?) => …`. */
/** The callback gets the related query (and, over a morphTo, the parent type's name). */
export type ConditionCallback = (query: any, type?: any) => unknown;
export type RelationCondition = [column: string | ConditionCallback, operatorOrValue?: unknown, value?: unknown];

/**
 * `whereRelation("posts", "votes", ">", 5)` → the constraint `q => q.where("votes", ">", 5)`; a callback
 * is the constraint itself. An explicit `undefined` value stays a (null) comparison as in `where()`; a column
 * alone is an error. `label` starts the message: `Post.whereRelation('tags'`.
 */
export function relationCondition(condition: RelationCondition, label: string): ConditionCallback {
  const argc = condition.length;
  const [column] = condition;
  if (typeof column === "function") return column;
  if (argc < 2) {
    throw new RelationError(
      `${label}, ${JSON.stringify(column)}): a column needs a value ("${String(column)}", value) or an operator and a value ` +
        `("${String(column)}", ">", 1); or pass a callback (q => q.where(...)).`,
    );
  }
  const args = condition.slice(0, Math.max(2, Math.min(argc, 3)));
  return (q: { where(...a: unknown[]): unknown }) => q.where(...args);
}

/**
 * How `hasMorph(rel, types, operator, count)` reads: a morphTo points at one parent or none, so the related
 * count is 0 or 1 and the comparison is one of four filters per type — the parent exists, it does not,
 * either (the type alone), or neither. `nullType`: a count of 0 passes, so with `"*"` rows whose type is null
 * match too (Laravel's checkMorphNull).
 */
export type MorphMode = "exists" | "missing" | "any" | "none";

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<>": (a, b) => a !== b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

export function morphCountMode(owner: string, method: string, path: string, operator: unknown, count: unknown): MorphMode {
  const compare = COMPARE[String(operator)];
  if (!compare) {
    throw new RelationError(
      `${owner}.${method}('${path}', types, '${String(operator)}', ...): the operator must be one of =, !=, <, <=, >, >=.`,
    );
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    throw new RelationError(
      `${owner}.${method}('${path}', types, '${String(operator)}', ${JSON.stringify(count)}): the count must be a non-negative integer.`,
    );
  }
  const one = compare(1, count);
  const zero = compare(0, count);
  return one && zero ? "any" : one ? "exists" : zero ? "missing" : "none";
}

/**
 * `whereAttachedTo(tag)` / `whereAttachedTo([tag1, tag2], "tags")`: the belongsToMany-like relation of `owner`
 * toward the models' class (the only one, or the one named) and the keys the related rows must have.
 */
export function attachedTo(
  owner: ModelClass,
  related: unknown,
  relationName: string | undefined,
): { path: string; column: string; keys: unknown[] } {
  const ownerName = modelMeta(owner).name;
  const models = (Array.isArray(related) ? related : [related]) as unknown[];
  if (!models.length) throw new RelationError(`${ownerName}.whereAttachedTo([]): the list of models may not be empty.`);
  const first = models[0] as Model | null | undefined;
  if (!first || typeof first !== "object" || typeof (first as { get?: unknown }).get !== "function") {
    throw new RelationError(
      `${ownerName}.whereAttachedTo(): expected a model or a list of models, got ${first === null ? "null" : typeof first}.`,
    );
  }
  const cls = first.constructor as ModelClass;
  const targetName = modelMeta(cls).name;
  if (models.some((m) => (m as Model | null)?.constructor !== cls)) {
    throw new RelationError(`${ownerName}.whereAttachedTo(): the models must all be of one class (${targetName}); call it once per class.`);
  }
  const PIVOT_KINDS = new Set(["belongsToMany", "morphToMany", "morphedByMany"]);
  let path = relationName;
  if (path === undefined) {
    const candidates = [...modelMeta(owner).relations.keys()].filter((name) => {
      const rel = resolveRelation(owner, name);
      return PIVOT_KINDS.has(rel.kind) && rel.target === cls;
    });
    if (candidates.length !== 1) {
      throw new RelationError(
        candidates.length
          ? `${ownerName}.whereAttachedTo(${targetName}): ${ownerName} has several relations toward ${targetName} (${candidates.join(", ")}); ` +
              `name one: whereAttachedTo(models, "${candidates[0]}").`
          : `${ownerName}.whereAttachedTo(${targetName}): ${ownerName} has no belongsToMany relation toward ${targetName}; ` +
              `declare one with relation("belongsToMany", "${targetName}", ...) or name the relation.`,
      );
    }
    path = candidates[0]!;
  }
  const rel = resolveRelation(owner, path);
  if (!PIVOT_KINDS.has(rel.kind)) {
    throw new RelationError(
      `${ownerName}.whereAttachedTo(models, "${path}"): ${ownerName}.${path} is a ${rel.kind} relation; whereAttachedTo() needs a belongsToMany (or morphToMany) relation. Use whereHas("${path}", ...) instead.`,
    );
  }
  if (rel.target !== cls) {
    throw new RelationError(
      `${ownerName}.whereAttachedTo(models, "${path}"): ${ownerName}.${path} targets ${rel.target ? modelMeta(rel.target).name : "another model"}, but the models are ${targetName}s.`,
    );
  }
  const column = rel.ownerKey!;
  const keys = models.map((m) => (m as Model).get(column));
  if (keys.some((k) => k === null || k === undefined)) {
    throw new RelationError(`${ownerName}.whereAttachedTo(): every ${targetName} must be saved (have its ${column}) to be matched.`);
  }
  return { path, column, keys };
}

/** The constraint of whereAttachedTo: the related rows are exactly those keys. */
export function keysConstraint(column: string, keys: readonly unknown[]): QueryConstraint {
  return (q: { whereKeyIn(c: string, v: readonly unknown[]): unknown }) => q.whereKeyIn(column, keys);
}
