/**
 * Laravel's MorphTo::morphWith / morphWithCount inside a morphTo eager constraint:
 * `with({ commentable: (morphTo) => morphTo.morphWith({ Post: ["user"] }) })`. The constraint runs
 * once per parent type on that type's query; these two add the nested loads / counts listed for
 * that type only, so each nested relation still costs one query per type. `constrain({ Post: q => ... })`
 * (Laravel's MorphTo::constrain) narrows that type's query alone.
 */
import { findModel } from "../model/lookup";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "./adapter";
import { extendQuery } from "./query-extension";
import { modelForMorphType, RelationError, type ResolvedRelation } from "./resolve";

type PerType = Readonly<Record<string, string | readonly string[]>>;

/** The callbacks of a `constrain({ Type: q => ... })` map that name `model` (by model name or morph alias). */
function callbacksFor(relation: ResolvedRelation, model: ModelClass, map: unknown): QueryConstraint[] {
  if (typeof map !== "object" || map === null || Array.isArray(map)) {
    throw new TypeError(
      `${relation.owner.name}.${relation.name}: constrain() expects { Type: (query) => ... }, got ${Array.isArray(map) ? "an array" : typeof map}.`,
    );
  }
  const out: QueryConstraint[] = [];
  for (const [type, callback] of Object.entries(map as Record<string, unknown>)) {
    const target = findModel(type) ?? modelForMorphType(relation, type);
    if (typeof callback !== "function") {
      throw new TypeError(
        `${relation.owner.name}.${relation.name}: constrain({ ${type}: ... }) expects a function (query) => ..., got ${typeof callback}.`,
      );
    }
    if (modelMeta(target).name === modelMeta(model).name) out.push(callback as QueryConstraint);
  }
  return out;
}

/** The constraint for one parent type: the query, plus morphWith / morphWithCount for that type. */
export function morphTypeConstraint(relation: ResolvedRelation, model: ModelClass, constraint: QueryConstraint): QueryConstraint {
  return (query: Record<string, unknown>) => {
    const pick = (method: string, map: unknown): string[] => {
      if (typeof map !== "object" || map === null || Array.isArray(map)) {
        throw new TypeError(
          `${relation.owner.name}.${relation.name}: ${method}() expects { Type: ["relation", ...] }, got ${Array.isArray(map) ? "an array" : typeof map}.`,
        );
      }
      const out: string[] = [];
      for (const [type, names] of Object.entries(map as PerType)) {
        const target = findModel(type) ?? modelForMorphType(relation, type);
        if (typeof names !== "string" && !(Array.isArray(names) && names.every((n) => typeof n === "string"))) {
          throw new TypeError(
            `${relation.owner.name}.${relation.name}: ${method}({ ${type}: ... }) expects a relation name or a list of names.`,
          );
        }
        if (modelMeta(target).name === modelMeta(model).name) out.push(...(typeof names === "string" ? [names] : names));
      }
      return out;
    };
    const extended = extendQuery(query, (name) => {
      // MorphTo::constrain: this type's callback narrows its query; a filtered-out parent loads as null
      if (name === "constrain") return (map) => callbacksFor(relation, model, map).forEach((callback) => callback(query));
      if (name !== "morphWith" && name !== "morphWithCount") return undefined;
      return (map) => {
        const names = pick(name, map);
        const method = name === "morphWith" ? "with" : "withCount";
        if (names.length) (query[method] as (...a: string[]) => unknown).call(query, ...names);
      };
    });
    if (typeof query.with !== "function")
      throw new RelationError(`${relation.owner.name}.${relation.name}: morphWith() needs a query that can eager load.`);
    return constraint(extended);
  };
}
