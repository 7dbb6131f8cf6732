/**
 * The analysis shared by the tsserver plugin and the ts-patch transformer: extraction (incremental), the
 * engine run (once per graph generation; scoped to the affected models after a small edit), setup checks and
 * query-site checks, grouped by file.
 */
import type * as TS from "typescript";
import * as path from "node:path";
import { applyRuleSettings, withoutSuppressed, type Diagnostic, type EloquentConfig, type ModelNode } from "eloquent-engine";
import { loadEloquentConfig, type LoadedConfig } from "../project/eloquent-config";
import { SETUP_RULE } from "../setup/setup-rule";
import { ModelGraphBuilder, type ProgramExtraction } from "../extract/program";
import { mapDiagnosticToSpan } from "../extract/span";
import { checkRelationPath, findQuerySites, modelsByName } from "../query-sites";
import { loadEngine, type LoadedEngine } from "./engine";
import { checkIncrementally } from "./incremental-check";
import { checkSetup, type ResolutionCache, type SetupCache } from "../setup/setup-rule";

export interface Snapshot {
  extraction: ProgramExtraction;
  /** First model of each name. */
  models: ReadonlyMap<string, ModelNode>;
  /** Every engine diagnostic (with spans). */
  diagnostics: Diagnostic[];
  /** Engine + setup diagnostics by file. */
  byFile: Map<string, Diagnostic[]>;
  engine: LoadedEngine | undefined;
  /** "full" or "incremental": how `diagnostics` was computed. */
  mode: "full" | "incremental";
}

export interface AnalysisOptions {
  /**
   * Called after an incremental check with a function that runs the full check; the editor plugin calls
   * it when idle so a scoped result is always confirmed (and corrected, logged) by a complete one.
   */
  scheduleFullCheck?: (run: () => void) => void;
  log?: (message: string) => void;
  /** Largest number of changed files handled incrementally (default 10). */
  incrementalLimit?: number;
  /**
   * The plugin entry from tsconfig (`{ "name": "eloquent-ts-plugin", "rules": {...} }` or the tspc
   * `transform` entry): its `rules`/`failOnWarnings` are layered over the project's eloquent configuration.
   */
  entryOptions?: unknown;
  /** Names the entry in configuration errors. */
  entrySource?: string;
}

export class ProjectAnalysis {
  private readonly builder: ModelGraphBuilder;
  private snapshotCache: Snapshot | undefined;
  private readonly resolutionCache: ResolutionCache = new Map();
  private setupCache: SetupCache = new WeakMap();
  private lastSetup: (Map<string, Diagnostic[]> & { key?: string }) | undefined;
  private resolutionOptions: TS.CompilerOptions | undefined;
  private readonly querySiteCache = new WeakMap<TS.SourceFile, { generation: number; diagnostics: Diagnostic[] }>();
  /** Re-read with each new snapshot (an edit), so a changed configuration applies from the next edit on. */
  private loadedConfig: { snapshot: Snapshot; loaded: LoadedConfig } | undefined;

  constructor(private readonly options: AnalysisOptions = {}) {
    this.builder = new ModelGraphBuilder();
  }

  snapshot(program: TS.Program): Snapshot {
    const extraction = this.builder.update(program);
    const previous = this.snapshotCache;
    if (previous && previous.extraction === extraction) return previous;
    const load = loadEngine();
    const engine = load.ok ? load.engine : undefined;
    if (program.getCompilerOptions() !== this.resolutionOptions || extraction.changedFiles.size > (this.options.incrementalLimit ?? 10)) {
      this.resolutionCache.clear();
      this.setupCache = new WeakMap();
      this.lastSetup = undefined;
      this.resolutionOptions = program.getCompilerOptions();
    }
    const setup = checkSetup(
      extraction,
      {
        compilerOptions: program.getCompilerOptions(),
        resolutionCache: this.resolutionCache,
        ...(load.ok ? {} : { engineError: load.error }),
      },
      this.setupCache,
      this.lastSetup && previous ? { result: this.lastSetup, key: this.lastSetup.key ?? "" } : undefined,
    );
    this.lastSetup = setup;
    let diagnostics: Diagnostic[] = [];
    let mode: Snapshot["mode"] = "full";
    if (engine) {
      const changes = extraction.modelChanges;
      const incremental =
        previous?.engine && changes && changes.before.length + changes.after.length <= 2 * (this.options.incrementalLimit ?? 10)
          ? checkIncrementally({
              engine,
              previous: { graph: previous.extraction.graph, diagnostics: previous.diagnostics },
              next: extraction.graph,
              changedBefore: changes.before,
              changedAfter: changes.after,
            })
          : undefined;
      if (incremental) {
        diagnostics = incremental;
        mode = "incremental";
      } else diagnostics = withSpans(engine.checkGraph(extraction.graph), extraction);
      if (mode === "incremental") diagnostics = withSpans(diagnostics, extraction);
    }
    const snapshot = this.build(extraction, engine, diagnostics, setup, mode);
    this.snapshotCache = snapshot;
    if (mode === "incremental" && engine && this.options.scheduleFullCheck) {
      this.options.scheduleFullCheck(() => this.confirm(snapshot, setup));
    }
    return snapshot;
  }

  /** Runs the full check for a snapshot computed incrementally; replaces it (and logs) on disagreement. */
  private confirm(snapshot: Snapshot, setup: Map<string, Diagnostic[]>): void {
    if (this.snapshotCache !== snapshot || !snapshot.engine) return;
    const full = withSpans(snapshot.engine.checkGraph(snapshot.extraction.graph), snapshot.extraction);
    if (sameDiagnostics(full, snapshot.diagnostics)) {
      this.snapshotCache = { ...snapshot, mode: "full" };
      return;
    }
    this.options.log?.(
      `[eloquent-ts-plugin] incremental check disagreed with the full check (generation ${snapshot.extraction.generation}); using the full result.`,
    );
    this.snapshotCache = this.build(snapshot.extraction, snapshot.engine, full, setup, "full");
  }

  private build(
    extraction: ProgramExtraction,
    engine: LoadedEngine | undefined,
    diagnostics: Diagnostic[],
    setup: Map<string, Diagnostic[]>,
    mode: Snapshot["mode"],
  ): Snapshot {
    const byFile = new Map<string, Diagnostic[]>();
    for (const [file, list] of setup) byFile.set(file, [...list]);
    for (const diagnostic of diagnostics) {
      const file = diagnostic.span!.file;
      const list = byFile.get(file);
      if (list) list.push(diagnostic);
      else byFile.set(file, [diagnostic]);
    }
    const models = modelsByName(extraction.graph);
    return { extraction, models, diagnostics, byFile, engine, mode };
  }

  /**
   * Every eloquent diagnostic of one file: declarations (engine), setup, and query sites — with the
   * configured severities, without rules set to "off" or suppressed by an `eloquent-disable-next-line` comment.
   */
  fileDiagnostics(program: TS.Program, sourceFile: TS.SourceFile): Diagnostic[] {
    const snapshot = this.snapshot(program);
    const own = snapshot.byFile.get(sourceFile.fileName) ?? [];
    const querySites = this.querySiteDiagnostics(program, sourceFile, snapshot);
    const all = querySites.length === 0 ? own : [...own, ...querySites];
    const loaded = this.configFor(program, snapshot);
    const configured = withoutSuppressed(applyRuleSettings(all, loaded.config), sourceFile.text);
    if (loaded.error && sourceFile.fileName === program.getRootFileNames().map((f) => f.replace(/\\/g, "/"))[0]) {
      configured.push({
        ruleId: SETUP_RULE.id,
        code: SETUP_RULE.code,
        severity: "error",
        message: `The eloquent configuration cannot be used: ${loaded.error}`,
        hint: "Fix the configuration; until then every rule runs at its default severity.",
        node: { model: "", part: "model" },
        span: { file: sourceFile.fileName, start: 0, end: 0 },
        suggestions: [],
      });
    }
    return configured;
  }

  /** The eloquent configuration of the program's project (tsconfig directory), with the plugin entry's options. */
  config(program: TS.Program): EloquentConfig {
    return this.configFor(program, this.snapshot(program)).config;
  }

  private configFor(program: TS.Program, snapshot: Snapshot): LoadedConfig {
    if (this.loadedConfig?.snapshot === snapshot) return this.loadedConfig.loaded;
    const configFile = program.getCompilerOptions().configFilePath;
    const directory = typeof configFile === "string" ? path.dirname(configFile) : program.getCurrentDirectory();
    const loaded = loadEloquentConfig(directory, this.options.entryOptions, this.options.entrySource);
    if (loaded.error) this.options.log?.(`[eloquent-ts-plugin] ${loaded.error}`);
    this.loadedConfig = { snapshot, loaded };
    return loaded;
  }

  querySiteDiagnostics(program: TS.Program, sourceFile: TS.SourceFile, snapshot: Snapshot): Diagnostic[] {
    const engine = snapshot.engine;
    if (!engine || sourceFile.isDeclarationFile) return [];
    const generation = snapshot.extraction.generation;
    const cached = this.querySiteCache.get(sourceFile);
    if (cached && cached.generation === generation) return cached.diagnostics;
    const facts = snapshot.extraction.files.get(sourceFile.fileName);
    // The checker is only needed for receivers that are not model classes (`user.load(...)`).
    const sites = findQuerySites(sourceFile, facts, (name) => snapshot.models.has(name), lazyChecker(program));
    const diagnostics: Diagnostic[] = [];
    for (const site of sites) {
      for (const path of site.paths) {
        const resolved = checkRelationPath(snapshot.models, {
          method: site.method,
          root: site.root,
          path: path.path,
          parent: path.parent,
          file: sourceFile.fileName,
          start: path.start,
        });
        diagnostics.push(...resolved.diagnostics);
      }
    }
    this.querySiteCache.set(sourceFile, { generation, diagnostics });
    return diagnostics;
  }
}

/** Diagnostics placed in source (the engine sets spans from the graph; fall back to the node's span). */
function withSpans(diagnostics: Diagnostic[], extraction: ProgramExtraction): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.span) {
      out.push(diagnostic);
      continue;
    }
    const span = mapDiagnosticToSpan(diagnostic, extraction.graph);
    if (span) out.push({ ...diagnostic, span });
  }
  return out;
}

function keyOf(diagnostic: Diagnostic): string {
  const span = diagnostic.span;
  return [diagnostic.ruleId, diagnostic.severity, diagnostic.message, diagnostic.hint, span?.file, span?.start, span?.end].join("\u0000");
}

export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  const keys = a.map(keyOf).sort();
  const other = b.map(keyOf).sort();
  return keys.every((key, i) => key === other[i]);
}

/** A TypeChecker proxy created on first use (creating one is expensive where none exists yet, as in tspc). */
function lazyChecker(program: TS.Program): TS.TypeChecker {
  let checker: TS.TypeChecker | undefined;
  return new Proxy({} as TS.TypeChecker, {
    get(_target, property) {
      checker ??= program.getTypeChecker();
      const value = (checker as unknown as Record<PropertyKey, unknown>)[property];
      return typeof value === "function" ? value.bind(checker) : value;
    },
  });
}
