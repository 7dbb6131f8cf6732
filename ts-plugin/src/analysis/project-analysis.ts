/**
 * The analysis shared by the tsserver plugin and the ts-patch transformer: extraction (incremental), the
 * engine run (once per graph generation), setup checks and query-site checks, grouped by file.
 */
import type * as TS from "typescript";
import type { Diagnostic, ModelNode } from "eloquent-orm/engine";
import { ModelGraphBuilder, type ProgramExtraction } from "../extract/program";
import { mapDiagnosticToSpan } from "../extract/span";
import { findQuerySites, resolveRelationPath } from "../query-sites";
import { loadEngine, type LoadedEngine } from "./engine";
import { checkSetup } from "./setup-rule";

export interface Snapshot {
  extraction: ProgramExtraction;
  /** First model of each name. */
  models: Map<string, ModelNode>;
  /** Engine + setup diagnostics by file. */
  byFile: Map<string, Diagnostic[]>;
  engine: LoadedEngine | undefined;
}

export class ProjectAnalysis {
  private readonly builder: ModelGraphBuilder;
  private snapshotCache: Snapshot | undefined;
  private readonly querySiteCache = new WeakMap<TS.SourceFile, { generation: number; diagnostics: Diagnostic[] }>();

  constructor(private readonly ts: typeof TS) {
    this.builder = new ModelGraphBuilder(ts);
  }

  snapshot(program: TS.Program, versionOf?: (fileName: string) => string | undefined): Snapshot {
    const extraction = this.builder.update(program, versionOf ? { versionOf } : {});
    if (this.snapshotCache && this.snapshotCache.extraction === extraction) return this.snapshotCache;
    const load = loadEngine();
    const engine = load.ok ? load.engine : undefined;
    const byFile = checkSetup(extraction, {
      ts: this.ts,
      compilerOptions: program.getCompilerOptions(),
      ...(load.ok ? {} : { engineError: load.error }),
    });
    if (engine) {
      for (const diagnostic of engine.checkGraph(extraction.graph)) {
        const span = mapDiagnosticToSpan(diagnostic, extraction.graph);
        if (!span) continue;
        const withSpan = diagnostic.span ? diagnostic : { ...diagnostic, span };
        const list = byFile.get(span.file);
        if (list) list.push(withSpan);
        else byFile.set(span.file, [withSpan]);
      }
    }
    const models = new Map<string, ModelNode>();
    for (const model of extraction.graph.models) if (!models.has(model.name)) models.set(model.name, model);
    this.snapshotCache = { extraction, models, byFile, engine };
    return this.snapshotCache;
  }

  /** Every eloquent diagnostic of one file: declarations (engine), setup, and query sites. */
  fileDiagnostics(program: TS.Program, sourceFile: TS.SourceFile, versionOf?: (fileName: string) => string | undefined): Diagnostic[] {
    const snapshot = this.snapshot(program, versionOf);
    const own = snapshot.byFile.get(sourceFile.fileName) ?? [];
    const querySites = this.querySiteDiagnostics(program, sourceFile, snapshot);
    return querySites.length === 0 ? own : [...own, ...querySites];
  }

  querySiteDiagnostics(program: TS.Program, sourceFile: TS.SourceFile, snapshot: Snapshot): Diagnostic[] {
    const engine = snapshot.engine;
    if (!engine || sourceFile.isDeclarationFile) return [];
    const generation = snapshot.extraction.generation;
    const cached = this.querySiteCache.get(sourceFile);
    if (cached && cached.generation === generation) return cached.diagnostics;
    const facts = snapshot.extraction.files.get(sourceFile.fileName);
    const sites = findQuerySites(sourceFile, this.ts, facts, (name) => snapshot.models.has(name), program.getTypeChecker());
    const diagnostics: Diagnostic[] = [];
    for (const site of sites) {
      for (const path of site.paths) {
        const resolved = resolveRelationPath(snapshot.models, site.root, path.path, path.start, sourceFile.fileName, site.method, engine.suggest.didYouMean);
        diagnostics.push(...resolved.diagnostics);
      }
    }
    this.querySiteCache.set(sourceFile, { generation, diagnostics });
    return diagnostics;
  }
}
