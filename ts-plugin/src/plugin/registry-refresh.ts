/**
 * Keeps the generated `Models` registry file (`eloquent types`) current while the user edits: when the
 * models of the project change (a model added, renamed, moved or removed), a registry file the program
 * includes is rewritten, once the editor has been idle for a second (typing a class name rewrites it once,
 * not per keystroke). A project without such a file gets none: the plugin never writes one unasked.
 */
import type * as TS from "typescript";
import { refreshRegistryFiles, MODEL_REGISTRY_HEADER, type ProjectAnalysis, type RegistryFile } from "eloquent-analyzer";

const IDLE_MS = 1000;

/** The program's generated registry files (declaration files outside node_modules that start with the header). */
function registryFiles(program: TS.Program): RegistryFile[] {
  const files: RegistryFile[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (!sourceFile.isDeclarationFile || sourceFile.fileName.includes("/node_modules/")) continue;
    if (sourceFile.text.startsWith(MODEL_REGISTRY_HEADER)) files.push({ fileName: sourceFile.fileName, text: sourceFile.text });
  }
  return files;
}

export interface RegistryRefresher {
  /** Call after each analysis of the current program: schedules a refresh when the model graph changed. */
  changed(program: TS.Program): void;
}

export function registryRefresher(
  analysis: ProjectAnalysis,
  currentProgram: () => TS.Program | undefined,
  guard: <T>(hook: string, fallback: () => T, run: () => T) => T,
  log: (message: string) => void,
): RegistryRefresher {
  let seenGeneration = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    timer = undefined;
    guard(
      "model registry refresh",
      () => undefined,
      () => {
        const program = currentProgram();
        if (!program) return;
        const models = analysis.snapshot(program).extraction.models;
        for (const file of refreshRegistryFiles(registryFiles(program), models)) {
          log(`[eloquent-ts-plugin] rewrote the model registry ${file}: the project's models changed`);
        }
      },
    );
  };
  return {
    changed(program) {
      const generation = analysis.snapshot(program).extraction.generation;
      if (generation === seenGeneration) return;
      seenGeneration = generation;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(refresh, IDLE_MS);
      timer.unref?.();
    },
  };
}
