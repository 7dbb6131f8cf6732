/**
 * Relation paths at query sites (`User.with("posts.comments")`, `load`, `withCount`, `related`, …) of one
 * file, checked against the project graph. Shared by `eloquent check` and the ESLint plugin so both
 * report the same `relation-path` diagnostics.
 */
import type * as TS from "typescript";
import { didYouMean, type Diagnostic, type ModelGraph, type ModelNode } from "eloquent-engine";
import type { FileFacts } from "../extract";
import { findQuerySites, resolveRelationPath } from ".";

const modelMaps = new WeakMap<ModelGraph, Map<string, ModelNode>>();

/** Cheap test before parsing: most files have no query site at all. */
export const MAY_HAVE_QUERY_SITES = /\.(with|load|withCount|related|loadMissing|loadCount|has|whereHas|doesntHave|whereDoesntHave|without)\s*\(/;

export function querySiteDiagnostics(
  ts: typeof TS,
  sourceFile: TS.SourceFile,
  fileName: string,
  graph: ModelGraph,
  facts: FileFacts | undefined,
  checker?: TS.TypeChecker,
): Diagnostic[] {
  if (graph.models.length === 0 || !MAY_HAVE_QUERY_SITES.test(sourceFile.text)) return [];
  const models = modelMap(graph);
  const diagnostics: Diagnostic[] = [];
  for (const site of findQuerySites(sourceFile, ts, facts, (name) => models.has(name), checker)) {
    for (const path of site.paths) {
      diagnostics.push(...resolveRelationPath(models, site.root, path.path, path.start, fileName, site.method, didYouMean).diagnostics);
    }
  }
  return diagnostics;
}

function modelMap(graph: ModelGraph): Map<string, ModelNode> {
  let map = modelMaps.get(graph);
  if (!map) {
    map = new Map();
    // First declaration wins, as in the engine's duplicate-name rule.
    for (const model of graph.models) if (!map.has(model.name)) map.set(model.name, model);
    modelMaps.set(graph, map);
  }
  return map;
}
