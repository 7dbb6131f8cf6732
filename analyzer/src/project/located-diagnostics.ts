/**
 * The engine's diagnostics of one project graph, each placed at its file and span — the one step every
 * static front shares (ESLint reads a file's list, `eloquent check` reads them all, the unplaced ones
 * included). File names are normalized the way tsconfig discovery normalizes them.
 */
import { checkGraph, type Diagnostic, type ModelGraph } from "eloquent-engine";
import { mapDiagnosticToSpan } from "../extract/span";
import { normalizeFileName } from "./tsconfig";

export interface LocatedDiagnostics {
  /** Diagnostics with a span, by normalized file name, in the engine's order. */
  byFile: Map<string, Diagnostic[]>;
  /** Diagnostics the graph has no source location for (registered classes, synthetic nodes). */
  unplaced: Diagnostic[];
}

export function locateEngineDiagnostics(graph: ModelGraph, diagnostics: readonly Diagnostic[] = checkGraph(graph)): LocatedDiagnostics {
  const byFile = new Map<string, Diagnostic[]>();
  const unplaced: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const span = mapDiagnosticToSpan(diagnostic, graph);
    if (!span) {
      unplaced.push(diagnostic);
      continue;
    }
    const file = normalizeFileName(span.file);
    const list = byFile.get(file) ?? [];
    list.push({ ...diagnostic, span: { ...span, file } });
    byFile.set(file, list);
  }
  return { byFile, unplaced };
}
