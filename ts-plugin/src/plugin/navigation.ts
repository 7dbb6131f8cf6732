/** Go-to-definition (target string → model class, key string → column entry, path segment → relation) and hover. */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { ColumnInfo, ModelNode, SourceSpan } from "eloquent-engine";
import type { Snapshot } from "eloquent-analyzer";
import { findQuerySites } from "eloquent-analyzer";
import { pathStart } from "eloquent-engine";
import { findNodeAt, isStringLike, relationSiteAt } from "./ast";
import { describeRelation } from "./relation-keys";
import { snapshotIndex } from "./snapshot-index";

export interface Definition {
  /** The literal (or segment) the request was on. */
  textSpan: TS.TextSpan;
  target: SourceSpan;
  name: string;
  kind: TS.ScriptElementKind;
  containerName: string;
}

export function eloquentDefinition(
  snapshot: Snapshot,
  sourceFile: TS.SourceFile,
  position: number,
  checker: TS.TypeChecker | undefined,
): Definition | undefined {
  const facts = snapshot.extraction.files.get(sourceFile.fileName);
  const site = relationSiteAt(sourceFile, position, facts);
  if (site?.literal) {
    const textSpan = { start: site.literal.getStart(sourceFile), length: site.literal.getEnd() - site.literal.getStart(sourceFile) };
    const value = site.literal.text;
    if (site.argument === 1) {
      const model = snapshot.models.get(value);
      if (model?.loc?.name)
        return { textSpan, target: model.loc.name, name: model.name, kind: ts.ScriptElementKind.classElement, containerName: "" };
      return undefined;
    }
    if (
      site.argument === 2 &&
      site.option?.position === "value" &&
      site.option.key !== undefined &&
      site.model !== undefined &&
      snapshot.engine
    ) {
      const index = snapshotIndex(snapshot, snapshot.engine);
      const declaring = index.model(site.model);
      const relation = site.relation === undefined ? undefined : declaring?.relations.get(site.relation);
      const owner = snapshot.engine.keyOwner(
        site.kind,
        site.option.key,
        site.model,
        site.target,
        relation ? snapshot.engine.pivotTableOf(index, relation) : undefined,
        relation?.options,
      );
      // The engine's effective columns: `created_at` goes to the `timestamps` entry that produces it.
      let container: ModelNode | undefined;
      let column: ColumnInfo | undefined;
      let fallback: SourceSpan | undefined;
      if (owner && "model" in owner) {
        const model = index.model(owner.model);
        container = model?.node;
        column = model?.columns.get(value);
      } else if (owner && "table" in owner) {
        const table = index.knownTable(owner.table);
        container = table ? index.model(table.declaredBy.model)?.node : undefined;
        column = table?.columns.get(value);
        // A `static database.tables` column has no entry of its own: go to the declaration holding it.
        if (column && table?.declaredBy.via === "database") fallback = container?.loc?.database;
      }
      const target = column?.node?.loc?.entry ?? column?.node?.loc?.name ?? fallback;
      if (container && target)
        return { textSpan, target, name: value, kind: ts.ScriptElementKind.memberVariableElement, containerName: container.name };
      // `pivotTable: "post_tags"` → the model on that table, or the `static database` declaring it.
      if (site.option.key === "pivotTable") {
        const table = index.knownTable(value);
        const by = table ? index.model(table.declaredBy.model)?.node : undefined;
        const span = table?.declaredBy.via === "model" ? by?.loc?.name : by?.loc?.database;
        if (by && span) return { textSpan, target: span, name: value, kind: ts.ScriptElementKind.classElement, containerName: by.name };
      }
    }
    return undefined;
  }
  // Query-site path segment → the relation entry it names.
  const node = findNodeAt(sourceFile, position);
  if (!node || !isStringLike(node)) return undefined;
  for (const querySite of findQuerySites(sourceFile, facts, (name) => snapshot.models.has(name), checker)) {
    for (const path of querySite.paths) {
      if (path.literal !== node) continue;
      let model = pathStart(snapshot.models, querySite.root, path.parent);
      let offset = path.start;
      for (const segment of path.path.split(".")) {
        const relation = model?.relations.find((candidate) => candidate.name === segment);
        if (position >= offset && position <= offset + segment.length) {
          const target = relation?.loc?.entry;
          return relation && target && model
            ? {
                textSpan: { start: offset, length: segment.length },
                target,
                name: segment,
                kind: ts.ScriptElementKind.memberVariableElement,
                containerName: model.name,
              }
            : undefined;
        }
        offset += segment.length + 1;
        model = relation && typeof relation.target === "string" ? snapshot.models.get(relation.target) : undefined;
      }
    }
  }
  return undefined;
}

/** Hover text for the relation entry at `position`, or undefined when not on one. */
export function eloquentHover(
  snapshot: Snapshot,
  sourceFile: TS.SourceFile,
  position: number,
): { lines: string[]; span: TS.TextSpan } | undefined {
  const engine = snapshot.engine;
  if (!engine) return undefined;
  for (const model of snapshot.extraction.graph.models) {
    if (model.loc?.name?.file !== sourceFile.fileName) continue;
    for (const relation of model.relations) {
      const entry = relation.loc?.entry;
      if (!entry || position < entry.start || position > entry.end) continue;
      const index = snapshotIndex(snapshot, engine);
      const declaring = index.models.find((candidate) => candidate.node === model);
      if (!declaring) return undefined;
      return {
        lines: describeRelation(declaring, relation, engine, index),
        span: { start: entry.start, length: entry.end - entry.start },
      };
    }
  }
  return undefined;
}
