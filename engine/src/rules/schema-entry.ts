import type { Rule } from "../rule";

export const schemaEntry: Rule = {
  id: "schema-entry",
  code: "ELQ602",
  defaultSeverity: "error",
  description: "Every static schema entry is a column(...) or a relation(...).",
  check(context) {
    for (const model of context.index.models) {
      for (const entry of model.node.invalidEntries ?? []) {
        const whole = entry.name === "";
        context.report({
          message: whole
            ? `${model.name}: static schema must be an object of column(...) and relation(...) entries, got ${entry.found}.`
            : `${model.name}.${entry.name}: schema entry is ${entry.found}, not a column(...) or relation(...).`,
          hint: whole
            ? 'Write static schema = { id: column("increments", undefined, { primary: true }), ... }.'
            : `Wrap it: ${entry.name}: column("<type>") or ${entry.name}: relation("<kind>", "<Model>").`,
          node: { model: model.name, column: entry.name, part: "column" },
          ...(entry.loc ? { span: entry.loc } : {}),
        });
      }
    }
  },
};
