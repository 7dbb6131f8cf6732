/** The contract each relation kind implements (one file per kind). */
import type { Model } from "../model/model";
import type { QueryConstraint } from "./adapter";
import type { ResolvedRelation } from "./resolve";

export interface RelationFetch {
  /** Every related model loaded for the parents (nested eager loading continues from these). */
  readonly related: Model[];
  /** The relation's value for one parent: an array for *Many kinds, a model or null otherwise. */
  resultFor(parent: Model): unknown;
}

export interface RelationKindHandler {
  /** True for kinds whose value is an array. */
  readonly many: boolean;
  /** One query per store for all parents (plus chunks), matched with Maps in one pass. */
  fetch(parents: readonly Model[], relation: ResolvedRelation, constraint?: QueryConstraint): Promise<RelationFetch>;
  /** Related-row counts per parent (withCount). */
  count(parents: readonly Model[], relation: ResolvedRelation, constraint?: QueryConstraint): Promise<(parent: Model) => number>;
}

export const EMPTY: readonly never[] = Object.freeze([]);
