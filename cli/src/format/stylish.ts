/** Human output in ESLint's familiar "stylish" layout: grouped by file, one line per diagnostic plus its hint. */
import type { Severity } from "eloquent-engine";
import { countBySeverity, type CheckReport, type LocatedDiagnostic } from "../report";
import type { Palette } from "./colors";

const PROJECT_GROUP = "(project: no source location)";

export function formatStylish(report: CheckReport, palette: Palette): string {
  const groups = new Map<string, LocatedDiagnostic[]>();
  for (const d of report.diagnostics) {
    const key = d.file ?? PROJECT_GROUP;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(d);
  }

  const lines: string[] = [];
  for (const [file, diagnostics] of groups) {
    lines.push("", palette.underline(file));
    const positions = diagnostics.map((d) => (d.start ? `${d.start.line}:${d.start.column}` : "-"));
    const width = Math.max(...positions.map((p) => p.length));
    diagnostics.forEach((d, i) => {
      const severity = paintSeverity(d.severity, palette);
      const rule = palette.dim(`${d.ruleId} (${d.code})`);
      lines.push(`  ${positions[i]!.padEnd(width)}  ${severity}  ${d.message}  ${rule}`);
      if (d.hint) lines.push(`  ${" ".repeat(width)}  ${palette.dim(`hint: ${d.hint}`)}`);
    });
  }

  const counts = countBySeverity(report.diagnostics);
  const total = report.diagnostics.length;
  const scanned = `${report.modelCount} model${report.modelCount === 1 ? "" : "s"} in ${report.fileCount} file${report.fileCount === 1 ? "" : "s"}`;
  if (total === 0) {
    lines.push(`✔ No relation problems (${scanned} checked)`);
    return lines.join("\n") + "\n";
  }
  const summary =
    `✖ ${total} problem${total === 1 ? "" : "s"} ` +
    `(${counts.error} error${counts.error === 1 ? "" : "s"}, ${counts.warning} warning${counts.warning === 1 ? "" : "s"}, ` +
    `${counts.info} info) — ${scanned} checked`;
  lines.push("", counts.error > 0 ? palette.red(palette.bold(summary)) : palette.yellow(palette.bold(summary)));
  return lines.join("\n") + "\n";
}

function paintSeverity(severity: Severity, palette: Palette): string {
  switch (severity) {
    case "error":
      return palette.red("error  ");
    case "warning":
      return palette.yellow("warning");
    default:
      return palette.cyan("info   ");
  }
}
