/**
 * ts-patch program transformer: `tspc` reports eloquent's diagnostics with TypeScript's and fails the build
 * on errors — the same analysis as the editor plugin — in every build mode.
 *
 * tsconfig.json:
 *   "plugins": [
 *     { "name": "eloquent-ts-plugin" },                                              // editor (tsserver)
 *     { "transform": "eloquent-ts-plugin/transform", "transformProgram": true }      // build (tspc)
 *   ]
 *
 * A program transformer (not a source transformer) so it also works with `noEmit`. The two diagnostic
 * paths tsc takes:
 *   - `tspc -p` (no builder): `program.getSemanticDiagnostics()`;
 *   - `--incremental`, `composite`, `-b`, `--watch` (a BuilderProgram): `program.getBindAndCheckDiagnostics(file)`
 *     per file, cached in memory and in `.tsbuildinfo` by file version — see ./version-stamp.
 * Both are extended with the same per-file result, computed once when the Program is created.
 *
 * Rule settings come from the project's eloquent configuration (eloquent.config.json or package.json
 * "eloquent"), with this entry's own `rules`/`failOnWarnings` layered over it.
 */
import type * as TS from "typescript";
import { ProjectAnalysis, isProjectFile, ts, unsupportedTypeScriptMessage, useTypeScript } from "eloquent-analyzer";
import { failsBuild, type EloquentConfig } from "eloquent-engine";
import { toTsDiagnostic } from "../plugin/to-ts-diagnostic";
import { stampVersion } from "./version-stamp";

interface ProgramTransformerExtras {
  ts: typeof TS;
}

const PATCHED = Symbol.for("eloquent-ts-plugin.patched");

function transformProgram(
  program: TS.Program,
  _host: TS.CompilerHost | undefined,
  config: unknown,
  extras: ProgramTransformerExtras,
): TS.Program {
  useTypeScript(extras.ts);
  const patched = program as TS.Program & { [PATCHED]?: true };
  if (patched[PATCHED]) return program;
  patched[PATCHED] = true;
  const unsupported = unsupportedTypeScriptMessage("eloquent-ts-plugin/transform", (ts as { version?: string } | undefined)?.version);
  if (unsupported) return withOptionsError(program, unsupported);

  const ours = eloquentDiagnostics(program, config);
  // Every project file, also those without diagnostics now (a stamp from the last run must go).
  for (const file of program.getSourceFiles()) if (isProjectFile(program, file)) stampVersion(file, ours.get(file) ?? []);
  const add = (base: readonly TS.Diagnostic[], sourceFile: TS.SourceFile | undefined): readonly TS.Diagnostic[] => {
    const extra = sourceFile ? (ours.get(sourceFile) ?? []) : [...ours.values()].flat();
    return extra.length === 0 ? base : [...base, ...extra];
  };

  const semantic = program.getSemanticDiagnostics.bind(program);
  program.getSemanticDiagnostics = (sourceFile, cancellationToken) => add(semantic(sourceFile, cancellationToken), sourceFile);
  // Internal in TypeScript's typings, public on the object: the BuilderProgram's per-file entry point.
  const withBindAndCheck = program as TS.Program & {
    getBindAndCheckDiagnostics?: (sourceFile: TS.SourceFile, cancellationToken?: TS.CancellationToken) => readonly TS.Diagnostic[];
  };
  const bindAndCheck = withBindAndCheck.getBindAndCheckDiagnostics?.bind(program);
  if (bindAndCheck) {
    withBindAndCheck.getBindAndCheckDiagnostics = (sourceFile, cancellationToken) =>
      add(bindAndCheck(sourceFile, cancellationToken), sourceFile);
  }
  return program;
}

/** One build error without a file (tsc reports options diagnostics in every mode), and no eloquent analysis. */
function withOptionsError(program: TS.Program, message: string): TS.Program {
  const options = program.getOptionsDiagnostics.bind(program);
  const error: TS.Diagnostic = {
    file: undefined,
    start: undefined,
    length: undefined,
    category: ts?.DiagnosticCategory?.Error ?? 1,
    code: 950,
    source: "eloquent",
    messageText: message,
  };
  program.getOptionsDiagnostics = (cancellationToken) => [...options(cancellationToken), error];
  return program;
}

/** Every project file's eloquent diagnostics, as TypeScript diagnostics (files without any are absent). */
function eloquentDiagnostics(program: TS.Program, entryOptions: unknown): Map<TS.SourceFile, TS.Diagnostic[]> {
  const analysis = new ProjectAnalysis({ entryOptions, entrySource: "the eloquent-ts-plugin/transform entry in tsconfig.json" });
  // tsc fails the build on any diagnostic it reports, whatever its category: report only those that should
  // fail it (errors; warnings too with "failOnWarnings"). Warnings and info are the editor's and the CLI's.
  let config: EloquentConfig | undefined;
  const byFile = new Map<TS.SourceFile, TS.Diagnostic[]>();
  for (const file of program.getSourceFiles()) {
    if (!isProjectFile(program, file)) continue;
    const list: TS.Diagnostic[] = [];
    try {
      const diagnostics = analysis.fileDiagnostics(program, file);
      config ??= analysis.config(program);
      for (const diagnostic of diagnostics) {
        if (failsBuild(diagnostic.severity, config)) list.push(toTsDiagnostic(file, diagnostic, diagnostic.span!));
      }
    } catch (error) {
      // Never break the build with our own bug: say so and keep TypeScript's result.
      list.push({
        file,
        start: 0,
        length: 0,
        category: ts.DiagnosticCategory.Warning,
        code: 999,
        source: "eloquent",
        messageText: `eloquent-ts-plugin failed on this file and skipped its checks: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    if (list.length > 0) byFile.set(file, list);
  }
  return byFile;
}

// ts-patch takes a CommonJS module that is itself the transformer (no `__esModule` + `default` pair, which
// breaks default imports under some bundlers); `.transformProgram` names it for `"import": "transformProgram"`.
export = transformProgram;
module.exports.transformProgram = transformProgram;
