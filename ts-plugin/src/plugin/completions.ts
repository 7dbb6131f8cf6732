/**
 * Completions inside `relation(...)` (kinds, model names, option keys valid for the kind and store, columns
 * of the right model for key options) and inside query-site relation paths (`with("posts.|")`).
 */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { Snapshot } from "eloquent-analyzer";
import { findQuerySites } from "eloquent-analyzer";
import { pathStart } from "eloquent-engine";
import { findNodeAt, isInsideString, isStringLike, relationSiteAt } from "./ast";
import { snapshotIndex } from "./snapshot-index";

interface Entry {
  name: string;
  kind: TS.ScriptElementKind;
  detail?: string;
}

export interface EloquentCompletions {
  entries: Entry[];
  replacementSpan?: TS.TextSpan;
  /**
   * Ours are the complete answer: TypeScript's would be wrong there (the globals offered at an option key;
   * whole-path literals that replace every segment of `with("a.b")`).
   */
  exclusive?: boolean;
}

export function eloquentCompletions(
  snapshot: Snapshot,
  sourceFile: TS.SourceFile,
  position: number,
  checker: TS.TypeChecker | undefined,
): EloquentCompletions | undefined {
  const engine = snapshot.engine;
  if (!engine) return undefined;
  const facts = snapshot.extraction.files.get(sourceFile.fileName);
  const site = relationSiteAt(sourceFile, position, facts);
  if (site) {
    const stringSpan = site.literal ? innerSpan(sourceFile, site.literal) : undefined;
    const declaring = site.model === undefined ? undefined : snapshot.models.get(site.model);
    if (site.argument === 0 && site.literal) {
      return {
        entries: engine.vocabulary.RELATION_KINDS.map((name) => ({ name, kind: ts.ScriptElementKind.string })),
        ...(stringSpan ? { replacementSpan: stringSpan } : {}),
      };
    }
    if (site.argument === 1 && site.literal) {
      // A model renamed by static modelName is also listed under its class name: offer each model once.
      const entries = [...new Set(snapshot.models.values())].map((model) => ({
        name: model.name,
        kind: ts.ScriptElementKind.classElement,
        detail: `${model.store === "mongo" ? "MongoModel" : "SqlModel"}`,
      }));
      return { entries, ...(stringSpan ? { replacementSpan: stringSpan } : {}) };
    }
    if (site.argument === 2 && site.option) {
      if (site.option.position === "key") {
        const present = new Set<string>();
        const options = site.option.node;
        const object = ts.isObjectLiteralExpression(options) ? options : options.parent;
        if (object && ts.isObjectLiteralExpression(object)) {
          for (const property of object.properties)
            if (property.name && ts.isIdentifier(property.name) && property !== options) present.add(property.name.text);
        }
        const keys = engine.vocabulary.optionKeysFor(site.kind, declaring?.store).filter((key) => !present.has(key));
        return { entries: keys.map((name) => ({ name, kind: ts.ScriptElementKind.memberVariableElement })), exclusive: true };
      }
      if (site.option.position === "value" && site.literal && site.option.key !== undefined && site.model !== undefined) {
        const relation = declaring?.relations.find((candidate) => candidate.name === site.relation);
        // The engine's knowledge, so only names the rules accept are offered: effective columns
        // (`created_at`, not the schema key `timestamps`; Mongo's implicit `id`/`_id`) and the tables it knows.
        const index = snapshotIndex(snapshot, engine);
        const pivotTable = relation ? engine.pivotTableOf(index, relation) : undefined;
        const owner = engine.keyOwner(site.kind, site.option.key, site.model, site.target, pivotTable, relation?.options);
        let names: Iterable<string> | undefined;
        if (owner && "model" in owner) names = index.model(owner.model)?.columns.keys();
        else if (owner && "table" in owner) names = index.knownTable(owner.table)?.columns.keys();
        if (site.option.key === "pivotTable") names = [...index.knownTables()].map((table) => table.table);
        // A through relation's intermediate model: any declared model but the two ends.
        if (site.option.key === "through") names = index.models.map((m) => m.name).filter((n) => n !== site.model && n !== site.target);
        // A pivot model: a SQL model other than the two ends.
        if (site.option.key === "using")
          names = index.models.filter((m) => m.store === "sql" && m.name !== site.model && m.name !== site.target).map((m) => m.name);
        if (!names) return undefined;
        return {
          entries: [...names].map((name) => ({ name, kind: ts.ScriptElementKind.memberVariableElement })),
          ...(stringSpan ? { replacementSpan: stringSpan } : {}),
        };
      }
    }
    return undefined;
  }
  return querySiteCompletions(snapshot, sourceFile, position, checker);
}

function innerSpan(sourceFile: TS.SourceFile, literal: TS.Node): TS.TextSpan {
  const start = literal.getStart(sourceFile) + 1;
  const text = sourceFile.text;
  const end = literal.getEnd();
  const closed = end - start >= 1 && text[end - 1] === text[start - 1];
  return { start, length: Math.max(0, (closed ? end - 1 : end) - start) };
}

function querySiteCompletions(
  snapshot: Snapshot,
  sourceFile: TS.SourceFile,
  position: number,
  checker: TS.TypeChecker | undefined,
): EloquentCompletions | undefined {
  const node = findNodeAt(sourceFile, position);
  if (!node || !isStringLike(node) || !isInsideString(sourceFile, node, position)) return undefined;
  const facts = snapshot.extraction.files.get(sourceFile.fileName);
  const sites = findQuerySites(sourceFile, facts, (name) => snapshot.models.has(name), checker);
  for (const site of sites) {
    for (const path of site.paths) {
      if (path.literal !== node) continue;
      const offset = position - path.start;
      const before = path.path.slice(0, Math.max(0, offset));
      const segments = before.split(".");
      const current = segments.pop() ?? "";
      let model = pathStart(snapshot.models, site.root, path.parent);
      for (const segment of segments) {
        const relation = model?.relations.find((candidate) => candidate.name === segment);
        model =
          relation && typeof relation.target === "string" && relation.kind !== "morphTo" ? snapshot.models.get(relation.target) : undefined;
      }
      if (!model) return undefined;
      const segmentStart = position - current.length;
      let segmentEnd = position;
      while (segmentEnd < path.start + path.path.length && path.path[segmentEnd - path.start] !== ".") segmentEnd++;
      return {
        entries: model.relations.map((relation) => ({
          name: relation.name,
          kind: ts.ScriptElementKind.memberVariableElement,
          detail: `${String(relation.kind)} ${typeof relation.target === "string" ? relation.target : ""}`,
        })),
        replacementSpan: { start: segmentStart, length: segmentEnd - segmentStart },
        exclusive: true,
      };
    }
  }
  return undefined;
}

/** Merges our entries in front of TypeScript's (TypeScript's own string-literal completions may overlap). */
export function mergeCompletions(
  prior: TS.WithMetadata<TS.CompletionInfo> | undefined,
  ours: EloquentCompletions,
): TS.WithMetadata<TS.CompletionInfo> {
  const names = new Set(ours.entries.map((entry) => entry.name));
  const entries: TS.CompletionEntry[] = ours.entries.map((entry, index) => ({
    name: entry.name,
    kind: entry.kind,
    kindModifiers: "",
    sortText: `0${String(index).padStart(4, "0")}`,
    ...(ours.replacementSpan ? { replacementSpan: ours.replacementSpan } : {}),
    ...(entry.detail ? { labelDetails: { description: entry.detail } } : {}),
  }));
  if (!ours.exclusive) for (const entry of prior?.entries ?? []) if (!names.has(entry.name)) entries.push(entry);
  return {
    ...(prior ?? {}),
    ...(ours.exclusive && ours.replacementSpan ? { optionalReplacementSpan: ours.replacementSpan } : {}),
    isGlobalCompletion: false,
    isMemberCompletion: ours.exclusive ? true : (prior?.isMemberCompletion ?? false),
    isNewIdentifierLocation: prior?.isNewIdentifierLocation ?? false,
    entries,
  } as TS.WithMetadata<TS.CompletionInfo>;
}
