import type { Rule } from "../rule";

export const nameClash: Rule = {
  id: "name-clash",
  code: "ELQ701",
  defaultSeverity: "error",
  description: "Relation names differ from column names, and model class names are unique.",
  check(context) {
    const first = new Map<string, { file?: string }>();
    for (const model of context.index.models) {
      const node = model.node;
      const earlier = first.get(node.name);
      if (earlier !== undefined) {
        context.report({
          message: `Two model classes are named '${node.name}'${earlier.file && node.loc?.name?.file && earlier.file !== node.loc.name.file ? ` (also in ${earlier.file})` : ""}: relation targets name models by class name, so '${node.name}' is ambiguous.`,
          hint: `Rename one of the classes (or give it static modelName = "<unique name>").`,
          node: { model: node.name, part: "model" },
          ...(node.loc?.name ? { span: node.loc.name } : {}),
        });
      } else {
        first.set(node.name, { file: node.loc?.name?.file });
      }
      for (const relation of node.relations) {
        const column = model.columns.get(relation.name);
        if (column === undefined || column.node === undefined) continue;
        const from = column.expandedFrom ? ` (from ${column.expandedFrom})` : "";
        context.report({
          message: `${model.name}.${relation.name}: relation '${relation.name}' has the name of column '${relation.name}'${from}; loading it would overwrite the column value.`,
          hint: `Rename the relation or the column: relations and columns share one attribute namespace on ${model.name}.`,
          node: { model: model.name, relation: relation.name, part: "relation-name" },
        });
      }
    }
  },
};
