/** Go-to-definition (target string → model class, key string → column entry, path segment → relation) and hover. */
import type * as TS from "typescript";
import type { ModelIndex, SourceSpan } from "eloquent-orm/engine";
import type { LoadedEngine } from "../analysis/engine";
import type { Snapshot } from "../analysis/project-analysis";
import { findQuerySites } from "../query-sites";
import { findNodeAt, isStringLike, relationSiteAt } from "./ast";
import { describeRelation, stringOption, tableColumns } from "./relation-keys";

export interface Definition {
  /** The literal (or segment) the request was on. */
  textSpan: TS.TextSpan;
  target: SourceSpan;
  name: string;
  kind: TS.ScriptElementKind;
  containerName: string;
}

export function eloquentDefinition(ts: typeof TS, snapshot: Snapshot, sourceFile: TS.SourceFile, position: number, checker: TS.TypeChecker | undefined): Definition | undefined {
  const facts = snapshot.extraction.files.get(sourceFile.fileName);
  const site = relationSiteAt(ts, sourceFile, position, facts);
  if (site?.literal) {
    const textSpan = { start: site.literal.getStart(sourceFile), length: site.literal.getEnd() - site.literal.getStart(sourceFile) };
    const value = site.literal.text;
    if (site.argument === 1) {
      const model = snapshot.models.get(value);
      if (model?.loc?.name) return { textSpan, target: model.loc.name, name: model.name, kind: ts.ScriptElementKind.classElement, containerName: "" };
      return undefined;
    }
    if (site.argument === 2 && site.option?.position === "value" && site.option.key !== undefined && site.model !== undefined && snapshot.engine) {
      const declaring = snapshot.models.get(site.model);
      const relation = declaring?.relations.find((candidate) => candidate.name === site.relation);
      const owner = snapshot.engine.keyOwner(site.kind, site.option.key, site.model, site.target, relation ? stringOption(relation, "pivotTable") : undefined);
      let model = owner && "model" in owner ? snapshot.models.get(owner.model) : undefined;
      if (owner && "table" in owner) model = tableColumns(snapshot.models.values(), owner.table, snapshot.engine.conventions)?.declaredBy;
      const column = model?.columns.find((candidate) => candidate.name === value);
      const target = column?.loc?.entry ?? column?.loc?.name;
      if (model && target) return { textSpan, target, name: value, kind: ts.ScriptElementKind.memberVariableElement, containerName: model.name };
      // `pivotTable: "post_tags"` → the model on that table, or the `static database` declaring it.
      if (site.option.key === "pivotTable") {
        const table = tableColumns(snapshot.models.values(), value, snapshot.engine.conventions);
        const span = table?.model ? table.model.loc?.name : table?.declaredBy.loc?.database;
        if (table && span) return { textSpan, target: span, name: value, kind: ts.ScriptElementKind.classElement, containerName: table.declaredBy.name };
      }
    }
    return undefined;
  }
  // Query-site path segment → the relation entry it names.
  const node = findNodeAt(ts, sourceFile, position);
  if (!node || !isStringLike(ts, node)) return undefined;
  for (const querySite of findQuerySites(sourceFile, ts, facts, (name) => snapshot.models.has(name), checker)) {
    for (const path of querySite.paths) {
      if (path.literal !== node) continue;
      let model = snapshot.models.get(querySite.root);
      let offset = path.start;
      for (const segment of path.path.split(".")) {
        const relation = model?.relations.find((candidate) => candidate.name === segment);
        if (position >= offset && position <= offset + segment.length) {
          const target = relation?.loc?.entry;
          return relation && target && model
            ? { textSpan: { start: offset, length: segment.length }, target, name: segment, kind: ts.ScriptElementKind.memberVariableElement, containerName: model.name }
            : undefined;
        }
        offset += segment.length + 1;
        model = relation && typeof relation.target === "string" ? snapshot.models.get(relation.target) : undefined;
      }
    }
  }
  return undefined;
}

const indexes = new WeakMap<Snapshot, ModelIndex>();

/** The engine's index of a snapshot's graph, built on the first hover and kept while the snapshot lives. */
function modelIndex(snapshot: Snapshot, engine: LoadedEngine): ModelIndex {
  let index = indexes.get(snapshot);
  if (index === undefined) indexes.set(snapshot, (index = new engine.ModelIndex(snapshot.extraction.graph)));
  return index;
}

/** Hover text for the relation entry at `position`, or undefined when not on one. */
export function eloquentHover(snapshot: Snapshot, sourceFile: TS.SourceFile, position: number): { lines: string[]; span: TS.TextSpan } | undefined {
  const engine = snapshot.engine;
  if (!engine) return undefined;
  for (const model of snapshot.extraction.graph.models) {
    if (model.loc?.name?.file !== sourceFile.fileName) continue;
    for (const relation of model.relations) {
      const entry = relation.loc?.entry;
      if (!entry || position < entry.start || position > entry.end) continue;
      return {
        lines: describeRelation(snapshot.models, model, relation, engine, modelIndex(snapshot, engine)),
        span: { start: entry.start, length: entry.end - entry.start },
      };
    }
  }
  return undefined;
}
