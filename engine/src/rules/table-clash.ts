import type { ModelInfo } from "../resolve/model-index";
import type { Rule } from "../rule";
import { STORE_LABEL } from "../graph/walk";
import { describeTableSource } from "../resolve/model";

export const tableClash: Rule = {
  id: "table-clash",
  code: "ELQ702",
  defaultSeverity: "warning",
  description: "Two models do not map to one table (or collection) on one connection.",
  check(context) {
    const owners = new Map<string, ModelInfo>();
    const names = new Set<string>();
    for (const model of context.index.models) {
      if (names.has(model.name)) continue; // same class twice: name-clash
      names.add(model.name);
      if (model.table === undefined || model.connection === null) continue; // not literal: nothing to compare
      const key = `${model.store}\u0000${model.connection ?? ""}\u0000${model.table}`;
      const other = owners.get(key);
      if (other === undefined) {
        owners.set(key, model);
        continue;
      }
      const noun = model.store === "mongo" ? "collection" : "table";
      const how = (m: ModelInfo) => describeTableSource({ name: m.table!, source: m.tableSource });
      context.report({
        message: `${model.name} and ${other.name} both map to ${STORE_LABEL[model.store]} ${noun} '${model.table}'${model.connection ? ` on connection '${model.connection}'` : ""} (${model.name}: ${how(model)}; ${other.name}: ${how(other)}); writes through one model silently change the other's rows.`,
        hint: `Give ${model.name} its own static tableName, or remove the duplicate model.`,
        node: { model: model.name, part: "table" },
      });
    }
  },
};
