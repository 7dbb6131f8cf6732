import { RELATION_KINDS } from "../dsl/relation";
import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { didYouMean } from "../suggest";
import { describeValue } from "../graph/values";
import { eachRelation } from "../graph/walk";

const KIND_LIST = RELATION_KINDS.join(", ");

export const relationKind: Rule = {
  id: "relation-kind",
  code: "ELQ101",
  defaultSeverity: "error",
  suggests: ["replace"],
  description: "The first argument of relation() is one of the seven relation kinds.",
  check(context) {
    eachRelation(context.index, (model, relation, kind) => {
      if (kind !== undefined) return;
      const node = { model: model.name, relation: relation.name, part: "kind" as const };
      const where = `${model.name}.${relation.name}`;
      if (isUnverifiable(relation.kind)) {
        context.cannotVerify?.({
          message: `${where}: cannot verify relation kind ${describeValue(relation.kind)}: it is not a string literal.`,
          hint: `Write the kind as a literal, one of ${KIND_LIST}.`,
          node,
        });
        return;
      }
      if (typeof relation.kind !== "string") {
        context.report({
          message: `${where}: relation kind must be a string, got ${describeValue(relation.kind)}.`,
          hint: `Use one of ${KIND_LIST}, e.g. relation("hasMany", "Post").`,
          node,
        });
        return;
      }
      const match = didYouMean(relation.kind, RELATION_KINDS);
      const guess =
        match === undefined
          ? ""
          : match.caseOnly
            ? ` '${relation.kind}' differs from '${match.value}' only by case.`
            : ` Did you mean '${match.value}'?`;
      context.report({
        message: `${where}: unknown relation kind '${relation.kind}'.${guess}`,
        hint: match ? `Replace '${relation.kind}' with '${match.value}'.` : `Use one of ${KIND_LIST}.`,
        node,
        suggestions: match
          ? [{ kind: "replace", description: `Replace '${relation.kind}' with '${match.value}'`, node, replacement: match.value }]
          : [],
      });
    });
  },
};
