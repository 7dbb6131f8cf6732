import { columnType, requireColumn, targetModel } from "../resolve/keys";
import { describeRelationKeys, isThroughKind, throughOf } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { eachRelation, subject } from "../graph/walk";

export const throughKeys: Rule = {
  id: "through-keys",
  code: "ELQ207",
  defaultSeverity: "error",
  suggests: ["add-options", "replace", "add-column"],
  description:
    "A hasOneThrough/hasManyThrough's keys are columns of the right models: localKey on the declaring model, firstKey and secondLocalKey on the through model, secondKey on the target.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (!isThroughKind(kind)) return;
      const throughName = throughOf(relation.options);
      const through = throughName === undefined ? undefined : index.model(throughName);
      const target = targetModel(index, relation);
      const keys = describeRelationKeys(index, model, relation);
      const at = subject(model, relation);
      if (keys.localKey) {
        requireColumn(context, {
          owner: model,
          key: { ...keys.localKey, origin: `${model.name}'s primary key` },
          primaryKey: keys.localKey.inferred,
          model,
          relation,
          referencedType: undefined,
          subject: at,
        });
      }
      // Without a known through model there is nothing to check the others against (through-model reports it).
      if (through === undefined) return;
      if (keys.firstKey) {
        requireColumn(context, {
          owner: through,
          key: { ...keys.firstKey, origin: `<snake ${model.name}>_id` },
          model,
          relation,
          referencedType: keys.localKey ? columnType(model, keys.localKey.name) : undefined,
          subject: at,
          hintTail: `firstKey is the column on the through model ${through.name} that holds ${model.name}'s key.`,
        });
      }
      if (keys.secondLocalKey) {
        requireColumn(context, {
          owner: through,
          key: { ...keys.secondLocalKey, origin: `${through.name}'s primary key` },
          primaryKey: keys.secondLocalKey.inferred,
          model,
          relation,
          referencedType: undefined,
          subject: at,
        });
      }
      if (target && keys.secondKey) {
        requireColumn(context, {
          owner: target,
          key: { ...keys.secondKey, origin: `<snake ${through.name}>_id` },
          model,
          relation,
          referencedType: keys.secondLocalKey ? columnType(through, keys.secondLocalKey.name) : undefined,
          subject: at,
          hintTail: `secondKey is the column on the target ${target.name} that holds ${through.name}'s key.`,
        });
      }
    });
  },
};
