/** Relation kind → its handler. */
import type { RelationKind } from "eloquent-engine";
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

export const RELATION_HANDLERS: Readonly<Record<RelationKind, RelationKindHandler>> = {
  hasOne,
  hasMany,
  belongsTo,
  belongsToMany,
  morphOne,
  morphMany,
  morphTo,
  hasOneThrough,
  hasManyThrough,
  morphToMany,
  morphedByMany,
};
