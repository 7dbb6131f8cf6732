/**
 * ts-patch program transformer: `tspc` reports eloquent's diagnostics with TypeScript's and fails the build
 * on errors — the same analysis as the editor plugin.
 *
 * tsconfig.json:
 *   "plugins": [
 *     { "name": "eloquent-ts-plugin" },                                              // editor (tsserver)
 *     { "transform": "eloquent-ts-plugin/transform", "transformProgram": true }      // build (tspc)
 *   ]
 *
 * A program transformer (not a source transformer) so it also works with `noEmit`: it runs when the
 * Program is created and extends `getSemanticDiagnostics`, which tsc reports and counts for the exit code.
 */
import type * as TS from "typescript";
import { ProjectAnalysis } from "eloquent-analyzer";
import { isProjectFile } from "eloquent-analyzer";
import { toTsDiagnostic } from "../plugin/to-ts-diagnostic";

interface ProgramTransformerExtras {
  ts: typeof TS;
}

const PATCHED = Symbol.for("eloquent-ts-plugin.patched");

export function transformProgram(
  program: TS.Program,
  _host: TS.CompilerHost | undefined,
  _config: unknown,
  extras: ProgramTransformerExtras,
): TS.Program {
  const ts = extras.ts;
  const patched = program as TS.Program & { [PATCHED]?: true };
  if (patched[PATCHED]) return program;
  patched[PATCHED] = true;
  const analysis = new ProjectAnalysis(ts);
  const original = program.getSemanticDiagnostics.bind(program);
  program.getSemanticDiagnostics = (sourceFile?: TS.SourceFile, cancellationToken?: TS.CancellationToken) => {
    const base = original(sourceFile, cancellationToken);
    const files = sourceFile ? [sourceFile] : program.getSourceFiles().filter((file) => isProjectFile(program, file));
    const ours: TS.Diagnostic[] = [];
    for (const file of files) {
      if (!isProjectFile(program, file)) continue;
      try {
        for (const diagnostic of analysis.fileDiagnostics(program, file)) ours.push(toTsDiagnostic(ts, file, diagnostic, diagnostic.span!));
      } catch (error) {
        // Never break the build with our own bug: say so and keep TypeScript's result.
        ours.push({
          file,
          start: 0,
          length: 0,
          category: ts.DiagnosticCategory.Warning,
          code: 999,
          source: "eloquent",
          messageText: `eloquent-ts-plugin failed on this file and skipped its checks: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return ours.length === 0 ? base : [...base, ...ours];
  };
  return program;
}

export default transformProgram;
