import { requireColumn, targetModel } from "../resolve/keys";
import type { Rule } from "../rule";
import { didYouMean, didYouMeanText } from "../suggest";
import { optionsOf } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";

const ONE_OF_MANY = ["latestOfMany", "oldestOfMany", "ofMany"] as const;

export const oneOfManyColumn: Rule = {
  id: "one-of-many-column",
  code: "ELQ208",
  defaultSeverity: "error",
  suggests: ["replace", "add-column", "remove-option"],
  description:
    "The column a one-of-many hasOne/morphOne orders by (latestOfMany / oldestOfMany: a column name; ofMany: its first item) is a column of the target; at most one of the three is given.",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      if (kind !== "hasOne" && kind !== "morphOne") return;
      const options = optionsOf(relation);
      if (options === undefined) return;
      const given = ONE_OF_MANY.filter((key) => options[key] !== undefined);
      if (given.length > 1) {
        context.report({
          message: `${subject(model, relation)} sets ${given.join(" and ")}: a hasOne is the latest, the oldest or one of many — pick one.`,
          hint: `Keep one of ${given.join(", ")} and remove the others.`,
          node: { model: model.name, relation: relation.name, part: "option-value", option: given[1]! },
          suggestions: given.slice(1).map((option) => ({
            kind: "remove-option" as const,
            description: `Remove ${option}`,
            node: { model: model.name, relation: relation.name, part: "option-key" as const, option },
          })),
        });
        return;
      }
      const option = given[0];
      const target = targetModel(index, relation);
      if (option === undefined || target === undefined) return;
      const value = options[option];
      const column = option === "ofMany" ? (Array.isArray(value) ? value[0] : undefined) : value;
      // `true` orders by the primary key; other shapes are option-value-type's.
      if (typeof column !== "string" || column === "") return;
      if (option === "ofMany") {
        // An item of a tuple: no text edit replaces just it, so only the column is proposed.
        if (target.columns.has(column) || target.node.openSchema === true) return;
        const match = didYouMean(column, [...target.columns.keys()]);
        context.report({
          message: `${subject(model, relation)} uses ofMany column '${column}', but ${target.name} has no column '${column}'.${didYouMeanText(match, column)}`,
          hint: `Name an existing column of ${target.name} in ofMany, or add ${column} to ${target.name}.`,
          node: { model: model.name, relation: relation.name, part: "option-value", option },
          suggestions: [
            {
              kind: "add-column",
              description: `Add ${column}: column("int") to ${target.name}`,
              model: target.name,
              column,
              columnType: "int",
            },
          ],
        });
        return;
      }
      requireColumn(context, {
        owner: target,
        key: { name: column, inferred: false, option },
        model,
        relation,
        referencedType: undefined,
        subject: subject(model, relation),
      });
    });
  },
};
