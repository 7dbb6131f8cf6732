/**
 * Resolves a declared relation into concrete keys once per (class, relation): explicit options
 * first, the shared conventions otherwise. Mistakes become errors that name the model, the relation
 * and the fix (the rule engine reports the same mistakes earlier, at registration or in the editor).
 */
import type { RelationDescriptor, RelationKind } from "eloquent-engine";
import { didYouMean, EloquentError } from "../model/errors";
import { findModel, knownModelNames } from "../model/lookup";
import { modelMeta, type ModelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { PivotSpec } from "./adapter";
import {
  inferBelongsToForeignKey,
  inferDocumentReferenceField,
  inferHasForeignKey,
  inferPivotKey,
  inferPivotTable,
  morphIdColumn,
  morphTypeColumn,
} from "./conventions";

export interface ResolvedRelation {
  readonly name: string;
  readonly kind: RelationKind;
  readonly owner: ModelClass;
  readonly ownerMeta: ModelMeta;
  /** The target class (undefined for morphTo, whose target depends on each row's type column). */
  readonly target: ModelClass | undefined;
  /** hasOne/hasMany: FK on the target. belongsTo: FK on the owner. belongsToMany (Mongo): id array field. */
  readonly foreignKey: string;
  /** Owner column referenced by the related rows (hasOne/hasMany/belongsToMany/morphOne/morphMany). */
  readonly localKey: string;
  /** Target column referenced (belongsTo/belongsToMany); morphTo: explicit ownerKey or each parent's primary key. */
  readonly ownerKey: string | undefined;
  readonly pivot: PivotSpec | undefined;
  readonly morphName: string | undefined;
  readonly morphType: string | undefined;
  readonly morphId: string | undefined;
}

export class RelationError extends EloquentError {}

const cache = new WeakMap<ModelClass, Map<string, ResolvedRelation>>();

export function resolveRelation(owner: ModelClass, name: string): ResolvedRelation {
  let perClass = cache.get(owner);
  if (!perClass) cache.set(owner, (perClass = new Map()));
  let resolved = perClass.get(name);
  if (!resolved) {
    resolved = compute(owner, name);
    perClass.set(name, resolved);
  }
  return resolved;
}

/** Forget resolutions (tests that redefine models). */
export function resetResolvedRelations(owner: ModelClass): void {
  cache.delete(owner);
}

export function targetModel(owner: ModelClass, relationName: string, targetName: unknown): ModelClass {
  if (typeof targetName !== "string") {
    throw new RelationError(`${owner.name}.${relationName}: the relation target must be a model name (a string), got ${typeof targetName}.`);
  }
  const found = findModel(targetName);
  if (!found) {
    throw new RelationError(
      `${owner.name}.${relationName} targets '${targetName}', which is not a known model.` +
        didYouMean(targetName, knownModelNames()) +
        ` Register every model with registerModels([...]) before querying relations.`,
    );
  }
  return found;
}

function option(desc: RelationDescriptor, key: string): string | undefined {
  const opts = desc.options as Record<string, unknown> | undefined;
  const value = opts && typeof opts === "object" ? opts[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

function compute(owner: ModelClass, name: string): ResolvedRelation {
  const ownerMeta = modelMeta(owner);
  const desc = ownerMeta.relations.get(name);
  if (!desc) {
    const known = [...ownerMeta.relations.keys()];
    throw new RelationError(
      `${owner.name} has no relation '${name}'.` +
        didYouMean(name, known) +
        (known.length ? ` Relations of ${owner.name}: ${known.join(", ")}.` : ` ${owner.name} declares no relations in its static schema.`),
    );
  }
  const kind = desc.kind;
  const base = { name, kind, owner, ownerMeta, pivot: undefined, morphName: undefined, morphType: undefined, morphId: undefined };
  switch (kind) {
    case "hasOne":
    case "hasMany": {
      const target = targetModel(owner, name, desc.target);
      return {
        ...base,
        target,
        foreignKey: option(desc, "foreignKey") ?? inferHasForeignKey(owner.name),
        localKey: option(desc, "localKey") ?? ownerMeta.primaryKey,
        ownerKey: undefined,
      };
    }
    case "belongsTo": {
      const target = targetModel(owner, name, desc.target);
      return {
        ...base,
        target,
        foreignKey: option(desc, "foreignKey") ?? inferBelongsToForeignKey(target.name),
        localKey: ownerMeta.primaryKey,
        ownerKey: option(desc, "ownerKey") ?? modelMeta(target).primaryKey,
      };
    }
    case "belongsToMany": {
      const target = targetModel(owner, name, desc.target);
      const opts = desc.options as { pivotColumns?: unknown };
      const columns = Array.isArray(opts?.pivotColumns) ? opts.pivotColumns.filter((c): c is string => typeof c === "string") : [];
      return {
        ...base,
        target,
        foreignKey: option(desc, "foreignKey") ?? inferDocumentReferenceField(target.name),
        localKey: option(desc, "localKey") ?? ownerMeta.primaryKey,
        ownerKey: option(desc, "ownerKey") ?? modelMeta(target).primaryKey,
        pivot: {
          owner,
          table: option(desc, "pivotTable") ?? inferPivotTable(owner.name, target.name),
          localKey: option(desc, "pivotLocalKey") ?? inferPivotKey(owner.name),
          foreignKey: option(desc, "pivotForeignKey") ?? inferPivotKey(target.name),
          columns: columns.filter((c) => c !== "created_at" && c !== "updated_at"),
          timestamps: columns.filter((c) => c === "created_at" || c === "updated_at"),
        },
      };
    }
    case "morphOne":
    case "morphMany": {
      const target = targetModel(owner, name, desc.target);
      const morphName = option(desc, "morphName");
      if (!morphName) {
        throw new RelationError(
          `${owner.name}.${name} (${kind}) needs a morphName: the prefix of the <morphName>_type / <morphName>_id columns on ${target.name}. ` +
            `Add { morphName: "..." } to its options.`,
        );
      }
      return {
        ...base,
        target,
        foreignKey: option(desc, "morphId") ?? morphIdColumn(morphName),
        localKey: option(desc, "localKey") ?? ownerMeta.primaryKey,
        ownerKey: undefined,
        morphName,
        morphType: option(desc, "morphType") ?? morphTypeColumn(morphName),
        morphId: option(desc, "morphId") ?? morphIdColumn(morphName),
      };
    }
    case "morphTo": {
      const morphName = option(desc, "morphName") ?? name;
      return {
        ...base,
        target: undefined,
        foreignKey: option(desc, "morphId") ?? morphIdColumn(morphName),
        localKey: ownerMeta.primaryKey,
        ownerKey: option(desc, "ownerKey"),
        morphName,
        morphType: option(desc, "morphType") ?? morphTypeColumn(morphName),
        morphId: option(desc, "morphId") ?? morphIdColumn(morphName),
      };
    }
    default:
      throw new RelationError(
        `${owner.name}.${name} has unknown relation kind '${String(kind)}'.` +
          didYouMean(String(kind), ["hasOne", "hasMany", "belongsTo", "belongsToMany", "morphOne", "morphMany", "morphTo"]),
      );
  }
}

/** The model class stored under a morph type value (`static morphAlias`, else the class name). */
export function modelForMorphType(relation: ResolvedRelation, typeValue: string): ModelClass {
  const direct = findModel(typeValue);
  if (direct && modelMeta(direct).morphAlias === typeValue) return direct;
  for (const name of knownModelNames()) {
    const model = findModel(name)!;
    if (modelMeta(model).morphAlias === typeValue) return model;
  }
  throw new RelationError(
    `${relation.owner.name}.${relation.name}: no known model has morph alias '${typeValue}' ` +
      `(stored in ${relation.ownerMeta.table}.${relation.morphType}). Give the parent class \`static morphAlias = "${typeValue}"\` ` +
      `or register it with registerModels([...]).`,
  );
}
