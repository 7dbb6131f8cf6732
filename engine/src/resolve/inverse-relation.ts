/**
 * The inverse of a relation, as an `add-relation` suggestion on the target model: hasOne/hasMany ↔ belongsTo
 * and belongsToMany ↔ belongsToMany (pivot keys swapped), with exactly the keys this side uses, so both sides
 * load the same rows (what inverse-consistency checks). Morph relations are left to morph-without-inverse.
 * No rule reports a missing inverse (it is not an error): fronts offer this as a refactoring.
 */
import type { Suggestion } from "../diagnostic";
import type { RelationNode } from "../graph/graph";
import { kindOf, stringOption } from "../graph/values";
import { inferBelongsToForeignKey, inferHasForeignKey, pluralize, snakeCase } from "./conventions";
import { targetModel } from "./keys";
import type { ModelIndex, ModelInfo } from "./model-index";
import { describeRelationKeys } from "./relation-keys";

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

export function inverseRelationSuggestion(
  index: ModelIndex,
  model: ModelInfo,
  relation: RelationNode,
): Extract<Suggestion, { kind: "add-relation" }> | undefined {
  const kind = kindOf(relation);
  const target = targetModel(index, relation);
  if (!target || target === model) return undefined;
  const keys = describeRelationKeys(index, model, relation);
  const back = (kinds: readonly string[]) =>
    target.node.relations.some((candidate) => candidate.target === model.name && kinds.includes(String(kindOf(candidate))));
  const singular = camel(snakeCase(model.name));
  const plural = camel(pluralize(snakeCase(model.name)));
  const options: Record<string, string> = {};
  let inverse: { kind: string; name: string } | undefined;
  switch (kind) {
    case "hasOne":
    case "hasMany": {
      if (back(["belongsTo"]) || !keys.foreignKey || !keys.localKey) return undefined;
      if (keys.foreignKey.name !== inferBelongsToForeignKey(model.name)) options.foreignKey = keys.foreignKey.name;
      if (keys.localKey.name !== model.primaryKey) options.ownerKey = keys.localKey.name;
      inverse = { kind: "belongsTo", name: singular };
      break;
    }
    case "belongsTo": {
      if (back(["hasOne", "hasMany"]) || !keys.foreignKey || !keys.ownerKey) return undefined;
      if (keys.foreignKey.name !== inferHasForeignKey(target.name)) options.foreignKey = keys.foreignKey.name;
      if (keys.ownerKey.name !== target.primaryKey) options.localKey = keys.ownerKey.name;
      inverse = { kind: "hasMany", name: plural };
      break;
    }
    case "belongsToMany": {
      if (back(["belongsToMany"])) return undefined;
      if (model.store === "mongo") return undefined; // the reference array lives on one side only
      const pivotTable = stringOption(relation, "pivotTable");
      if (pivotTable === undefined || !keys.pivotLocalKey || !keys.pivotForeignKey) return undefined;
      options.pivotTable = pivotTable;
      options.pivotLocalKey = keys.pivotForeignKey.name;
      options.pivotForeignKey = keys.pivotLocalKey.name;
      inverse = { kind: "belongsToMany", name: plural };
      break;
    }
    default:
      return undefined;
  }
  const taken = new Set([...target.node.relations.map((entry) => entry.name), ...target.node.columns.map((entry) => entry.name)]);
  if (taken.has(inverse.name)) return undefined;
  return {
    kind: "add-relation",
    description: `Add the inverse relation to ${target.name}: ${inverse.name} (${inverse.kind} '${model.name}')`,
    model: target.name,
    name: inverse.name,
    relationKind: inverse.kind,
    target: model.name,
    options,
  };
}

/** The relation declaring `inverse` (hasOne, hasMany, morphOne, morphMany), with its resolved keys. */
export interface InverseOwnerSide {
  /** The declaring model's name (what a belongsTo back targets). */
  readonly model: string;
  readonly relation: string;
  readonly kind: string;
  readonly target: string;
  /** The target's column holding the owner's key (hasOne / hasMany). */
  readonly foreignKey?: string;
  /** morphOne / morphMany: the prefix of the target's morph columns. */
  readonly morphName?: string;
}

/** A relation of the target model that could point back (its keys resolved by the caller through the conventions). */
export interface InverseCandidate {
  readonly name: string;
  readonly kind: string;
  readonly target?: unknown;
  readonly foreignKey?: string;
  readonly morphName?: string;
}

export type InverseResolution =
  | { readonly name: string; readonly error?: undefined }
  | { readonly name?: undefined; readonly error: { readonly message: string; readonly hint: string } };

/**
 * The relation `inverse` names (Laravel's `->inverse()` / `->chaperone()`): the target's belongsTo toward the
 * owner on the same foreign key (hasOne / hasMany), or its morphTo with the same morphName (morphOne / morphMany).
 * `true` finds that one relation; a name is checked to be it. Both sides then load the same rows, so setting the
 * parent object on each child needs no query.
 */
export function resolveInverseRelation(
  side: InverseOwnerSide,
  candidates: readonly InverseCandidate[],
  written: unknown,
): InverseResolution {
  const where = `${side.model}.${side.relation}`;
  const morph = side.kind === "morphOne" || side.kind === "morphMany";
  if (!["hasOne", "hasMany", "morphOne", "morphMany"].includes(side.kind)) {
    return {
      error: {
        message: `${where} is a ${side.kind} relation: inverse is for hasOne, hasMany, morphOne and morphMany (the children point back at the parent).`,
        hint: "Remove inverse from its options.",
      },
    };
  }
  if (written !== true && (typeof written !== "string" || written === "")) {
    return {
      error: {
        message: `${where}: inverse must be true or the name of a relation on ${side.target}, got ${JSON.stringify(written)}.`,
        hint: `Write inverse: true (found from the schema) or inverse: "<relation on ${side.target}>".`,
      },
    };
  }
  const wanted = morph ? `a morphTo with morphName '${side.morphName}'` : `a belongsTo '${side.model}' on ${side.foreignKey}`;
  const pointsBack = (c: InverseCandidate) =>
    morph
      ? c.kind === "morphTo" && c.morphName === side.morphName
      : c.kind === "belongsTo" && c.target === side.model && c.foreignKey === side.foreignKey;
  const matches = candidates.filter(pointsBack);
  if (typeof written === "string") {
    const named = candidates.find((c) => c.name === written);
    if (named !== undefined && pointsBack(named)) return { name: written };
    const list = matches.map((m) => `'${m.name}'`).join(", ");
    return {
      error: {
        message:
          named === undefined
            ? `${where} has inverse '${written}', but ${side.target} has no relation '${written}'.`
            : `${where} has inverse '${written}', but ${side.target}.${written} is a ${named.kind}${named.kind === "belongsTo" ? ` '${String(named.target)}' on ${named.foreignKey}` : ""}, not ${wanted}: it does not point back at the same parent.`,
        hint: list ? `Use inverse: ${matches.length === 1 ? `"${matches[0]!.name}"` : `one of ${list}`}.` : inverseHint(side, morph),
      },
    };
  }
  if (matches.length === 1) return { name: matches[0]!.name };
  if (matches.length === 0) {
    const message = `${where} has inverse: true, but ${side.target} declares no ${wanted.replace(/^a /, "")} pointing back.`;
    return { error: { message, hint: inverseHint(side, morph) } };
  }
  return {
    error: {
      message: `${where} has inverse: true, but ${side.target} declares several relations pointing back: ${matches.map((m) => m.name).join(", ")}.`,
      hint: `Name the one to set: inverse: "${matches[0]!.name}".`,
    },
  };
}

function inverseHint(side: InverseOwnerSide, morph: boolean): string {
  const name = morph ? side.morphName! : camel(snakeCase(side.model));
  return morph
    ? `Add ${name}: relation("morphTo", "${side.model}", { morphName: "${name}" }) to ${side.target}, or remove inverse.`
    : `Add ${name}: relation("belongsTo", "${side.model}"${side.foreignKey !== inferBelongsToForeignKey(side.model) ? `, { foreignKey: "${side.foreignKey}" }` : ""}) to ${side.target}, or remove inverse.`;
}
