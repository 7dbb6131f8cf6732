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
