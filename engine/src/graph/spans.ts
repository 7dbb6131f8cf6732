/** Maps a NodeRef to the most precise source span the graph carries (fallback toward the entry). */
import type { NodeRef } from "../diagnostic";
import type { ColumnNode, ModelGraph, ModelNode, RelationNode, SourceSpan } from "./graph";

export class SpanResolver {
  private readonly models = new Map<string, ModelNode>();
  // Per model, built on its first report: a scan per diagnostic would be quadratic on a model with
  // thousands of relations. The first declaration of a name wins, as the runtime's does.
  private readonly relations = new Map<ModelNode, Map<string, RelationNode>>();
  private readonly columns = new Map<ModelNode, Map<string, ColumnNode>>();

  constructor(graph: ModelGraph) {
    for (const model of graph.models) if (!this.models.has(model.name)) this.models.set(model.name, model);
  }

  resolve(node: NodeRef): SourceSpan | undefined {
    const model = this.models.get(node.model);
    if (model === undefined) return undefined;
    const modelSpan = model.loc?.name;
    switch (node.part) {
      case "model":
        return modelSpan;
      case "table":
        return model.loc?.table ?? modelSpan;
      case "morphAlias":
        return model.loc?.morphAlias ?? modelSpan;
      case "database":
        return model.loc?.database ?? modelSpan;
      case "column":
      case "column-type": {
        const column = node.column === undefined ? undefined : byName(this.columns, model, model.columns).get(node.column);
        const loc = column?.loc;
        const precise = node.part === "column-type" ? loc?.type : undefined;
        return precise ?? loc?.entry ?? loc?.name ?? model.loc?.schema ?? modelSpan;
      }
      default: {
        const relation = node.relation === undefined ? undefined : byName(this.relations, model, model.relations).get(node.relation);
        const loc = relation?.loc;
        if (loc === undefined) return model.loc?.schema ?? modelSpan;
        const option = node.option;
        const chain: (SourceSpan | undefined)[] = [];
        const part = node.part;
        // Fallback chain: option value → option key → options object → entry → class name.
        if (part === "option-value") chain.push(option === undefined ? undefined : loc.optionValues?.[option]);
        if (part === "option-value" || part === "option-key") {
          chain.push(option === undefined ? undefined : loc.optionKeys?.[option]);
        }
        if (part === "option-value" || part === "option-key" || part === "options") chain.push(loc.options);
        if (part === "kind") chain.push(loc.kind);
        if (part === "target") chain.push(loc.target);
        if (part === "relation-name") chain.push(loc.name);
        chain.push(loc.entry, modelSpan);
        return chain.find((span) => span !== undefined);
      }
    }
  }
}

function byName<T extends { name: string }>(
  cache: Map<ModelNode, Map<string, T>>,
  model: ModelNode,
  entries: readonly T[],
): Map<string, T> {
  let map = cache.get(model);
  if (map === undefined) {
    map = new Map();
    for (const entry of entries) if (!map.has(entry.name)) map.set(entry.name, entry);
    cache.set(model, map);
  }
  return map;
}
