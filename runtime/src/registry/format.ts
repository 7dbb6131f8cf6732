/** Text renderings of diagnostics for logs and errors. */
import type { Diagnostic } from "eloquent-engine";

/** `[ELQ102 relation-target-exists] Post.tags (belongsToMany 'Tag'): … \n  hint: …` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `[${diagnostic.code} ${diagnostic.ruleId}] ${diagnostic.message}\n  hint: ${diagnostic.hint}`;
}

/** One line, for warnings in a log: `eloquent warning ELQ405 morph-without-inverse: … (hint: …)`. */
export function formatDiagnosticLine(diagnostic: Diagnostic): string {
  return `eloquent ${diagnostic.severity} ${diagnostic.code} ${diagnostic.ruleId}: ${diagnostic.message} (hint: ${diagnostic.hint})`;
}

export interface ReportOptions {
  /** ANSI colours (default: false). */
  color?: boolean;
  /** Title line; default "eloquent: N diagnostics in M models". */
  title?: string;
}

const ANSI = { error: "\x1b[31m", warning: "\x1b[33m", info: "\x1b[36m", dim: "\x1b[2m", bold: "\x1b[1m", reset: "\x1b[0m" } as const;

/**
 * A validation report for people: grouped by model (in diagnostic order), one entry per
 * diagnostic with its hint, and counts by severity at the end.
 */
export function formatReport(diagnostics: readonly Diagnostic[], options: ReportOptions = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const byModel = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byModel.set(d.node.model, [...(byModel.get(d.node.model) ?? []), d]);
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(paint("bold", options.title ?? `eloquent: ${plural(diagnostics.length, "diagnostic")} in ${plural(byModel.size, "model")}`));
  for (const [model, list] of byModel) {
    lines.push("", paint("bold", model));
    for (const d of list) {
      const label = paint(d.severity, d.severity.padEnd(7));
      lines.push(`  ${label} ${paint("dim", `${d.code} ${d.ruleId}`)}`);
      lines.push(`          ${d.message}`);
      lines.push(`          ${paint("dim", `hint: ${d.hint}`)}`);
    }
  }
  const count = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(
    "",
    [
      paint("error", plural(count("error"), "error")),
      paint("warning", plural(count("warning"), "warning")),
      paint("info", `${count("info")} info`),
    ].join(", "),
  );
  return lines.join("\n");
}
