/** Engine diagnostics → TypeScript diagnostics: the rule's numeric code, `source: "eloquent"`, exact span. */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { Diagnostic, Severity, SourceSpan } from "eloquent-engine";

export const DIAGNOSTIC_SOURCE = "eloquent";

/** `ELQ101` → 101. */
export function numericCode(code: string): number {
  const digits = /(\d+)$/.exec(code);
  return digits ? Number(digits[1]) : 9999;
}

export function categoryOf(severity: Severity): TS.DiagnosticCategory {
  if (severity === "error") return ts.DiagnosticCategory.Error;
  if (severity === "warning") return ts.DiagnosticCategory.Warning;
  // "info" is a hint, not a problem: LSP clients show `message` as an Error, `suggestion` as a Hint.
  return ts.DiagnosticCategory.Suggestion;
}

export function messageOf(diagnostic: Pick<Diagnostic, "message" | "hint" | "ruleId">): string {
  return `${diagnostic.message}\n${diagnostic.hint} (eloquent/${diagnostic.ruleId})`;
}

export function toTsDiagnostic(
  sourceFile: TS.SourceFile,
  diagnostic: Pick<Diagnostic, "message" | "hint" | "ruleId" | "code" | "severity">,
  span: SourceSpan,
): TS.Diagnostic {
  const start = Math.max(0, Math.min(span.start, sourceFile.text.length));
  const end = Math.max(start, Math.min(span.end, sourceFile.text.length));
  return {
    file: sourceFile,
    start,
    length: end - start,
    messageText: messageOf(diagnostic),
    category: categoryOf(diagnostic.severity),
    code: numericCode(diagnostic.code),
    source: DIAGNOSTIC_SOURCE,
  };
}
