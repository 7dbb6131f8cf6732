/** Engine node references → source spans, through the locations the extractor recorded on the graph. */
import type { Diagnostic, ModelGraph, ModelNode, NodeRef, SourceSpan } from "eloquent-orm/engine";

/** The span of a graph node, falling back to the nearest enclosing node that has one. */
export function spanOfNode(graph: ModelGraph, ref: NodeRef): SourceSpan | undefined {
  const model = findModel(graph, ref.model);
  if (!model) return undefined;
  const modelSpan = model.loc?.name;
  if (ref.relation !== undefined && ref.part !== "model") {
    const relation = model.relations.find((candidate) => candidate.name === ref.relation);
    const loc = relation?.loc;
    if (!loc) return modelSpan;
    const option = ref.option;
    switch (ref.part) {
      case "relation-name":
        return loc.name ?? loc.entry ?? modelSpan;
      case "kind":
        return loc.kind ?? loc.entry ?? modelSpan;
      case "target":
        return loc.target ?? loc.entry ?? modelSpan;
      case "options":
        return loc.options ?? loc.target ?? loc.entry ?? modelSpan;
      case "option-key":
        return (option !== undefined ? loc.optionKeys?.[option] : undefined) ?? loc.options ?? loc.entry ?? modelSpan;
      case "option-value":
        return (
          (option !== undefined ? loc.optionValues?.[option] ?? loc.optionKeys?.[option] : undefined) ??
          loc.options ??
          loc.entry ??
          modelSpan
        );
      default:
        return loc.entry ?? modelSpan;
    }
  }
  if (ref.column !== undefined) {
    const column = model.columns.find((candidate) => candidate.name === ref.column);
    if (!column?.loc) return modelSpan;
    return (ref.part === "column-type" ? column.loc.type : undefined) ?? column.loc.entry ?? modelSpan;
  }
  switch (ref.part) {
    case "table":
      return model.loc?.table ?? modelSpan;
    case "morphAlias":
      return model.loc?.morphAlias ?? modelSpan;
    case "database":
      return model.loc?.database ?? modelSpan;
    default:
      return modelSpan;
  }
}

/** Where a diagnostic belongs in source: its own span when the engine set one, else its node's span. */
export function mapDiagnosticToSpan(diagnostic: Diagnostic, graph: ModelGraph): SourceSpan | undefined {
  return diagnostic.span ?? spanOfNode(graph, diagnostic.node);
}

const modelIndexes = new WeakMap<ModelGraph, Map<string, ModelNode>>();

function findModel(graph: ModelGraph, name: string): ModelNode | undefined {
  let index = modelIndexes.get(graph);
  if (!index) {
    index = new Map();
    // First declaration wins, as in the engine's duplicate-name rule.
    for (const model of graph.models) if (!index.has(model.name)) index.set(model.name, model);
    modelIndexes.set(graph, index);
  }
  return index.get(name);
}
