/** hasOneThrough: the one target reached through the intermediate model (`mechanic.carOwner` through Car), or null. */
import type { Model } from "../model/model";
import type { RelationKindHandler } from "./kind";
import { countThrough, fetchThrough } from "./through-shared";

export const hasOneThrough: RelationKindHandler = {
  many: false,
  async fetch(parents, relation, constraint) {
    const { related, groups, norm } = await fetchThrough(parents, relation, constraint);
    return { related, resultFor: (parent: Model) => groups.get(norm(parent.get(relation.localKey)))?.[0] ?? null };
  },
  count: countThrough,
};
