/** hasManyThrough: every target reached through the intermediate model (`country.posts` through User). */
import type { Model } from "../model/model";
import type { RelationKindHandler } from "./kind";
import { countThrough, fetchThrough } from "./through-shared";

export const hasManyThrough: RelationKindHandler = {
  many: true,
  async fetch(parents, relation, constraint) {
    const { related, groups, norm } = await fetchThrough(parents, relation, constraint);
    return { related, resultFor: (parent: Model) => groups.get(norm(parent.get(relation.localKey))) ?? [] };
  },
  count: countThrough,
};
