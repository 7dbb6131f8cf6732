/**
 * Engine node references → source spans, through the locations the extractor recorded on the graph. The
 * fallback chain is the engine's own (`SpanResolver`, the one `checkGraph` locates diagnostics with), loaded
 * lazily like every engine use in the editor plugin.
 */
import type { Diagnostic, ModelGraph, NodeRef, SourceSpan, SpanResolver } from "eloquent-engine";
import { loadEngine } from "../program/engine";

const resolvers = new WeakMap<ModelGraph, SpanResolver>();

/** The span of a graph node, falling back to the nearest enclosing node that has one. */
export function spanOfNode(graph: ModelGraph, ref: NodeRef): SourceSpan | undefined {
  let resolver = resolvers.get(graph);
  if (resolver === undefined) {
    const load = loadEngine();
    if (!load.ok) return undefined;
    resolver = new load.engine.SpanResolver(graph);
    resolvers.set(graph, resolver);
  }
  return resolver.resolve(ref);
}

/** Where a diagnostic belongs in source: its own span when the engine set one, else its node's span. */
export function mapDiagnosticToSpan(diagnostic: Diagnostic, graph: ModelGraph): SourceSpan | undefined {
  return diagnostic.span ?? spanOfNode(graph, diagnostic.node);
}
