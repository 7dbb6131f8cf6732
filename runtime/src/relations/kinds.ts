/** Relation kind → its handler. */
import type { RelationKind } from "eloquent-engine";
import { belongsTo } from "./belongs-to";
import { belongsToMany } from "./belongs-to-many";
import { hasMany } from "./has-many";
import { hasOne } from "./has-one";
import type { RelationKindHandler } from "./kind";
import { morphMany } from "./morph-many";
import { morphOne } from "./morph-one";
import { morphTo } from "./morph-to";

export const RELATION_HANDLERS: Readonly<Record<RelationKind, RelationKindHandler>> = {
  hasOne,
  hasMany,
  belongsTo,
  belongsToMany,
  morphOne,
  morphMany,
  morphTo,
};
