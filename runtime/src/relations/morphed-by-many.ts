/**
 * morphedByMany (`tag.posts` through `taggables`): the inverse of morphToMany — pivot rows whose
 * `<morphName>_type` is the target's morph alias. Like morphToMany, the type filter is in the pivot spec.
 */
import { belongsToMany } from "./belongs-to-many";
import type { RelationKindHandler } from "./kind";

export const morphedByMany: RelationKindHandler = belongsToMany;
