/** morphOne: like morphMany, but the value is the first matching row or null. */
import type { Model } from "../model/model";
import { countMatcher, fetchChildren } from "./has-shared";
import type { RelationKindHandler } from "./kind";

export const morphOne: RelationKindHandler = {
  many: false,
  async fetch(parents, relation, constraint) {
    const { related, groups, norm } = await fetchChildren(parents, relation, constraint);
    return { related, resultFor: (parent: Model) => groups.get(norm(parent.get(relation.localKey)))?.[0] ?? null };
  },
  count: (parents, relation, constraint) => countMatcher(parents, relation, constraint),
};
