import { describeKey, keyNode } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import type { ModelInfo } from "../resolve/model-index";
import { kindOf } from "../graph/values";
import { eachRelationToModel, subject } from "../graph/walk";

/** What every hasOne/hasMany of one model toward one target is compared with; built once per pair of models. */
interface InversePair {
  /** A belongsTo back has a key that cannot be resolved: nothing to compare honestly. */
  unknown: boolean;
  /** The target's belongsTo relations pointing back, in declaration order. */
  inverses: { name: string; key: string; describe: string }[];
  inverseKeys: Set<string>;
  /** Some hasOne/hasMany toward the target already uses an inverse's key: the inverse is paired. */
  paired: boolean;
  /** "Target.a (…) and Target.b (…)", sorted: the same for every relation of the pair. */
  others: string;
}

export const inverseConsistency: Rule = {
  id: "inverse-consistency",
  code: "ELQ206",
  defaultSeverity: "warning",
  description: "A hasOne/hasMany and the belongsTo pointing back use the same foreign key.",
  suggests: ["add-options", "replace"],
  check(context) {
    const { index } = context;
    // Linear in relations: each relation's keys are resolved once, grouped by (declaring model, target name).
    const belongsToBack = new Map<ModelInfo, Map<string, { unknown: boolean; inverses: InversePair["inverses"] }>>();
    const hasKeysToward = new Map<ModelInfo, Map<string, Set<string>>>();
    const pairs = new Map<ModelInfo, Map<ModelInfo, InversePair>>();

    const belongsToOf = (target: ModelInfo) => {
      let byModel = belongsToBack.get(target);
      if (byModel !== undefined) return byModel;
      byModel = new Map();
      for (const candidate of target.node.relations) {
        if (kindOf(candidate) !== "belongsTo" || typeof candidate.target !== "string") continue;
        let group = byModel.get(candidate.target);
        if (group === undefined) byModel.set(candidate.target, (group = { unknown: false, inverses: [] }));
        if (group.unknown) continue;
        const key = describeRelationKeys(index, target, candidate).foreignKey;
        if (key === undefined) group.unknown = true;
        else group.inverses.push({ name: candidate.name, key: key.name, describe: describeKey(key) });
      }
      belongsToBack.set(target, byModel);
      return byModel;
    };
    const hasKeysOf = (model: ModelInfo) => {
      let byTarget = hasKeysToward.get(model);
      if (byTarget !== undefined) return byTarget;
      byTarget = new Map();
      for (const sibling of model.node.relations) {
        const kind = kindOf(sibling);
        if ((kind !== "hasOne" && kind !== "hasMany") || typeof sibling.target !== "string") continue;
        const key = describeRelationKeys(index, model, sibling).foreignKey;
        if (key === undefined) continue;
        let keys = byTarget.get(sibling.target);
        if (keys === undefined) byTarget.set(sibling.target, (keys = new Set()));
        keys.add(key.name);
      }
      hasKeysToward.set(model, byTarget);
      return byTarget;
    };
    const pairOf = (model: ModelInfo, target: ModelInfo): InversePair => {
      let byTarget = pairs.get(model);
      if (byTarget === undefined) pairs.set(model, (byTarget = new Map()));
      let pair = byTarget.get(target);
      if (pair !== undefined) return pair;
      const group = belongsToOf(target).get(model.name) ?? { unknown: false, inverses: [] };
      const siblingKeys = hasKeysOf(model).get(target.name) ?? new Set<string>();
      pair = {
        unknown: group.unknown,
        inverses: group.inverses,
        inverseKeys: new Set(group.inverses.map((inverse) => inverse.key)),
        paired: group.inverses.some((inverse) => siblingKeys.has(inverse.key)),
        others: group.inverses
          .map((i) => `${target.name}.${i.name} (${i.describe})`)
          .sort()
          .join(" and "),
      };
      byTarget.set(target, pair);
      return pair;
    };

    eachRelationToModel(index, ["hasOne", "hasMany"], (model, relation, _kind, target) => {
      const fk = describeRelationKeys(index, model, relation).foreignKey;
      if (fk === undefined) return;
      // An inverse is only suspicious when nobody pairs with it: no belongsTo back uses this key, and
      // no sibling hasOne/hasMany toward the same target uses the key of a belongsTo back.
      const { unknown, inverses, inverseKeys, paired, others } = pairOf(model, target);
      if (unknown || inverseKeys.has(fk.name) || paired || inverses.length === 0) return;
      const node = keyNode(model.name, relation, fk);
      const first = inverses[0];
      context.report({
        message: `${subject(model, relation)} uses ${describeKey(fk)}, but its inverse ${others} ${inverses.length > 1 ? "use" : "uses"} a different key; the two sides load different rows.`,
        hint: `Use one column on both sides: set foreignKey: '${first.key}' here, or change ${target.name}.${first.name}.`,
        node,
        suggestions:
          inverses.length === 1
            ? fk.inferred
              ? [
                  {
                    kind: "add-options",
                    description: `Set foreignKey: '${first.key}'`,
                    node: { model: model.name, relation: relation.name, part: "options" },
                    options: { foreignKey: first.key },
                  },
                ]
              : // Both columns exist: switching changes which rows load, so never an autofix.
                [
                  {
                    kind: "replace",
                    description: `Replace '${fk.name}' with '${first.key}'`,
                    node,
                    replacement: first.key,
                    changesBehaviour: true,
                  },
                ]
            : [],
      });
    });
  },
};
