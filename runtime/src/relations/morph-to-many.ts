/**
 * morphToMany (`post.tags` through `taggables`): a belongsToMany whose pivot rows also carry the owner's
 * morph alias in `<morphName>_type`. The type filter lives in the pivot spec (`where`), so loading, counting
 * and every pivot write (attach, detach, sync, toggle, updateExistingPivot) are belongsToMany's.
 */
import { belongsToMany } from "./belongs-to-many";
import type { RelationKindHandler } from "./kind";

export const morphToMany: RelationKindHandler = belongsToMany;
