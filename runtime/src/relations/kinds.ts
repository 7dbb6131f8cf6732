/**
 * Relation kind → its handler. Every handler is reached through here (lazy `related()`, `with`, counts and
 * aggregates), so this is where the relation definition's own constraints (where / withTrashed /
 * withoutGlobalScopes) are put in front of the caller's: the kind files never see the difference.
 */
import type { RelationKind } from "eloquent-engine";
import { withDefinition } from "./definition";
import { belongsTo } from "./belongs-to";
import { belongsToMany } from "./belongs-to-many";
import { hasMany } from "./has-many";
import { hasManyThrough } from "./has-many-through";
import { hasOne } from "./has-one";
import { hasOneThrough } from "./has-one-through";
import type { RelationKindHandler } from "./kind";
import { morphMany } from "./morph-many";
import { morphOne } from "./morph-one";
import { morphTo } from "./morph-to";
import { morphToMany } from "./morph-to-many";
import { morphedByMany } from "./morphed-by-many";

function defined(handler: RelationKindHandler): RelationKindHandler {
  return {
    many: handler.many,
    fetch: (parents, relation, constraint) => handler.fetch(parents, relation, withDefinition(relation, constraint)),
    count: (parents, relation, constraint) => handler.count(parents, relation, withDefinition(relation, constraint)),
  };
}

export const RELATION_HANDLERS: Readonly<Record<RelationKind, RelationKindHandler>> = {
  hasOne: defined(hasOne),
  hasMany: defined(hasMany),
  belongsTo: defined(belongsTo),
  belongsToMany: defined(belongsToMany),
  morphOne: defined(morphOne),
  morphMany: defined(morphMany),
  morphTo: defined(morphTo),
  hasOneThrough: defined(hasOneThrough),
  hasManyThrough: defined(hasManyThrough),
  morphToMany: defined(morphToMany),
  morphedByMany: defined(morphedByMany),
};
