/** A check run's result, with every diagnostic placed at a file, line and column for the formatters. */
import * as path from "node:path";
import type { Diagnostic, Severity } from "eloquent-engine";
import { LineMap, type Position } from "./line-map";

export interface LocatedDiagnostic extends Diagnostic {
  /** POSIX path relative to the report root; undefined when the engine could not place the diagnostic. */
  file?: string;
  /** Absolute path of the file. */
  absoluteFile?: string;
  start?: Position;
  end?: Position;
}

export interface CheckReport {
  /** Directory the relative paths are relative to (the project root). */
  root: string;
  diagnostics: LocatedDiagnostic[];
  /** Number of model classes in the graph. */
  modelCount: number;
  /** Number of source files analysed. */
  fileCount: number;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

export function toPosixRelative(root: string, file: string): string {
  const relative = path.relative(root, file);
  return (relative === "" ? path.basename(file) : relative).split(path.sep).join("/");
}

/**
 * Places each diagnostic (span offsets → line/column) and sorts them by file, position and rule id,
 * so every format lists them in the same stable order.
 */
export function locateDiagnostics(
  root: string,
  diagnostics: readonly Diagnostic[],
  readText: (file: string) => string | undefined,
): LocatedDiagnostic[] {
  const maps = new Map<string, LineMap | undefined>();
  const lineMap = (file: string) => {
    if (!maps.has(file)) {
      const text = readText(file);
      maps.set(file, text === undefined ? undefined : new LineMap(text));
    }
    return maps.get(file);
  };
  const located = diagnostics.map((d): LocatedDiagnostic => {
    if (!d.span) return { ...d };
    const absoluteFile = path.resolve(d.span.file);
    const map = lineMap(absoluteFile);
    return {
      ...d,
      file: toPosixRelative(root, absoluteFile),
      absoluteFile,
      ...(map ? { start: map.position(d.span.start), end: map.position(d.span.end) } : {}),
    };
  });
  return located.sort(compareLocated);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function compareLocated(a: LocatedDiagnostic, b: LocatedDiagnostic): number {
  // Diagnostics without a file come last, grouped under "(project)".
  if (a.file !== b.file) {
    if (a.file === undefined) return 1;
    if (b.file === undefined) return -1;
    return a.file < b.file ? -1 : 1;
  }
  return (
    (a.start?.line ?? 0) - (b.start?.line ?? 0) ||
    (a.start?.column ?? 0) - (b.start?.column ?? 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
