import { describeKey, keyNode } from "../resolve/keys";
import { describeRelationKeys } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { kindOf } from "../graph/values";
import { eachRelationToModel, subject } from "../graph/walk";

export const inverseConsistency: Rule = {
  id: "inverse-consistency",
  code: "ELQ206",
  defaultSeverity: "warning",
  description: "A hasOne/hasMany and the belongsTo pointing back use the same foreign key.",
  suggests: ["add-options", "replace"],
  check(context) {
    const { index } = context;
    eachRelationToModel(index, ["hasOne", "hasMany"], (model, relation, _kind, target) => {
      const fk = describeRelationKeys(index, model, relation).foreignKey;
      if (fk === undefined) return;
      // The belongsTo relations of the target pointing back here, and every key this model's
      // hasOne/hasMany toward the target use: an inverse is only suspicious when nobody pairs with it.
      const inverses: { name: string; key: string; describe: string }[] = [];
      for (const candidate of target.node.relations) {
        if (kindOf(candidate) !== "belongsTo" || candidate.target !== model.name) continue;
        const key = describeRelationKeys(index, target, candidate).foreignKey;
        if (key === undefined) return; // an unknown inverse key: nothing to compare honestly
        if (key.name === fk.name) return;
        inverses.push({ name: candidate.name, key: key.name, describe: describeKey(key) });
      }
      const paired = new Set<string>();
      for (const sibling of model.node.relations) {
        const siblingKind = kindOf(sibling);
        if ((siblingKind !== "hasOne" && siblingKind !== "hasMany") || sibling.target !== target.name) continue;
        const key = describeRelationKeys(index, model, sibling).foreignKey;
        if (key !== undefined) paired.add(key.name);
      }
      if (inverses.some((inverse) => paired.has(inverse.key))) return;
      if (inverses.length === 0) return;
      const node = keyNode(model.name, relation, fk);
      const first = inverses[0];
      const others = inverses.map((i) => `${target.name}.${i.name} (${i.describe})`).sort();
      context.report({
        message: `${subject(model, relation)} uses ${describeKey(fk)}, but its inverse ${others.join(" and ")} ${inverses.length > 1 ? "use" : "uses"} a different key; the two sides load different rows.`,
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
