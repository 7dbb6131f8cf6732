/** Text renderings of diagnostics for logs and errors. */
import type { Diagnostic } from "../engine/diagnostic";

/** `[ELQ102 relation-target-exists] Post.tags (belongsToMany 'Tag'): … \n  hint: …` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `[${diagnostic.code} ${diagnostic.ruleId}] ${diagnostic.message}\n  hint: ${diagnostic.hint}`;
}

/** One line, for warnings in a log: `eloquent warning ELQ405 morph-without-inverse: … (hint: …)`. */
export function formatDiagnosticLine(diagnostic: Diagnostic): string {
  return `eloquent ${diagnostic.severity} ${diagnostic.code} ${diagnostic.ruleId}: ${diagnostic.message} (hint: ${diagnostic.hint})`;
}
