/** morphMany: the target's `<morphName>_id` holds the owner's key and `<morphName>_type` its morph alias. */
import type { Model } from "../model/model";
import { countMatcher, fetchChildren } from "./has-shared";
import type { RelationKindHandler } from "./kind";

export const morphMany: RelationKindHandler = {
  many: true,
  async fetch(parents, relation, constraint) {
    const { related, groups, norm } = await fetchChildren(parents, relation, constraint);
    return { related, resultFor: (parent: Model) => groups.get(norm(parent.get(relation.localKey))) ?? [] };
  },
  count: (parents, relation, constraint) => countMatcher(parents, relation, constraint),
};
