/** Machine output: one JSON document, stable field order, paths relative to the project root. */
import type { Suggestion } from "eloquent-engine";
import { countBySeverity, type CheckReport } from "../report";

export interface JsonDiagnostic {
  ruleId: string;
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  hint: string;
  /** POSIX path relative to `root`; null when the diagnostic has no source location. */
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  model: string;
  relation: string | null;
  suggestions: Suggestion[];
}

export interface JsonReport {
  /** Format version of this document. */
  version: 1;
  root: string;
  summary: { errors: number; warnings: number; infos: number; models: number; files: number };
  diagnostics: JsonDiagnostic[];
}

export function toJsonReport(report: CheckReport): JsonReport {
  const counts = countBySeverity(report.diagnostics);
  return {
    version: 1,
    root: report.root,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      models: report.modelCount,
      files: report.fileCount,
    },
    diagnostics: report.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      code: d.code,
      severity: d.severity,
      message: d.message,
      hint: d.hint,
      file: d.file ?? null,
      line: d.start?.line ?? null,
      column: d.start?.column ?? null,
      endLine: d.end?.line ?? null,
      endColumn: d.end?.column ?? null,
      model: d.node.model,
      relation: d.node.relation ?? null,
      suggestions: d.suggestions,
    })),
  };
}

export function formatJson(report: CheckReport): string {
  return JSON.stringify(toJsonReport(report), null, 2) + "\n";
}
