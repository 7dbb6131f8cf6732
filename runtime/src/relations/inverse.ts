/**
 * The `inverse` option of hasOne / hasMany / morphOne / morphMany (Laravel's `->inverse()` / `->chaperone()`):
 * every child loaded, made, created or saved through the relation gets the relation pointing back (its belongsTo
 * or morphTo) set to the very parent object, so `post.comments[0].post` needs no query and is `post` itself.
 *
 * Which relation points back is the engine's decision (`resolveInverseRelation`); this module only hands it the
 * target's relations with their keys, resolved by the same conventions the queries use.
 */
import { resolveInverseRelation, resolveMorphName, type InverseCandidate } from "eloquent-engine";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import { RelationError, resolveRelation, type ResolvedRelation } from "./resolve";

/** Per resolved relation: the inverse relation's name, or null when the relation declares no inverse. */
const inverses = new WeakMap<ResolvedRelation, string | null>();

/** The name of the target's relation to set on each child, or undefined when `inverse` is not declared. */
export function inverseRelationName(relation: ResolvedRelation): string | undefined {
  let name = inverses.get(relation);
  if (name === undefined) {
    name = computeInverse(relation);
    inverses.set(relation, name);
  }
  return name ?? undefined;
}

function computeInverse(relation: ResolvedRelation): string | null {
  const written = (relation.ownerMeta.relations.get(relation.name)?.options as { inverse?: unknown } | undefined)?.inverse;
  if (written === undefined || written === false) return null;
  const target = relation.target;
  const side = {
    model: relation.ownerMeta.name,
    relation: relation.name,
    kind: relation.kind,
    target: target === undefined ? "its target" : modelMeta(target).name,
    foreignKey: relation.foreignKey,
    morphName: relation.morphName,
  };
  const candidates: InverseCandidate[] = [];
  if (target !== undefined) {
    for (const [name, desc] of modelMeta(target).relations) {
      if (desc.kind === "morphTo") candidates.push({ name, kind: desc.kind, morphName: resolveMorphName(desc.kind, name, desc.options) });
      else if (desc.kind === "belongsTo") {
        // A belongsTo toward an unregistered model cannot point back at this one: its keys are not needed.
        let foreignKey: string | undefined;
        try {
          foreignKey = resolveRelation(target, name).foreignKey;
        } catch {
          foreignKey = undefined;
        }
        candidates.push({ name, kind: desc.kind, target: desc.target, foreignKey });
      } else candidates.push({ name, kind: desc.kind, target: desc.target });
    }
  }
  const resolved = resolveInverseRelation(side, candidates, written);
  if (resolved.error) throw new RelationError(`${resolved.error.message} ${resolved.error.hint}`);
  return resolved.name;
}

/** Sets the inverse relation of each child to `parent` (no query); a no-op without `inverse`. */
export function setInverse(parent: Model, relation: ResolvedRelation, children: Iterable<Model>): void {
  const name = inverseRelationName(relation);
  if (name === undefined) return;
  for (const child of children) child.setRelation(name, parent);
}
