/**
 * `eloquent check`: diagnostics as stylish text, JSON or SARIF; exit 1 when an error is found (or a warning,
 * with "failOnWarnings"). Rule settings come from the project's eloquent.config.json / package.json "eloquent".
 */
import { applyRuleSettings, failsBuild, withoutSuppressed, type Diagnostic } from "eloquent-engine";
import { loadEloquentConfig } from "eloquent-analyzer";
import { UsageError, type Command } from "./args";
import { CHECK_RULES, checkAll, mergedGraph } from "./analysis";
import { databaseDiagnostics } from "./database-check";
import { ANSI, PLAIN, shouldUseColor } from "./format/colors";
import { formatJson } from "./format/json";
import { formatSarif } from "./format/sarif";
import { formatStylish } from "./format/stylish";
import { loadTypeScript, readText, repositoryRoot, toolVersion, write, type CliIo } from "./io";
import { readProjects, type LoadedProjects } from "./load";
import { locateDiagnostics, type CheckReport } from "./report";

export async function runCheck(command: Extract<Command, { command: "check" }>, io: CliIo): Promise<number> {
  loadTypeScript(io.cwd);
  const loaded = readProjects(command.options, io);
  const settings = loadEloquentConfig(loaded.root);
  if (settings.error) throw new UsageError(settings.error);
  let diagnostics = configured(checkAll(loaded), settings.config);
  if (command.database !== undefined) {
    diagnostics = [...diagnostics, ...configured(await databaseDiagnostics(mergedGraph(loaded), command.database, io), settings.config)];
  }
  if (command.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  const report: CheckReport = {
    root: loaded.root,
    diagnostics: locateDiagnostics(loaded.root, diagnostics, readText),
    modelCount: countModels(loaded),
    fileCount: new Set(loaded.graphs.flatMap((g) => g.fileNames)).size,
  };

  let text: string;
  switch (command.format) {
    case "json":
      text = formatJson(report);
      break;
    case "sarif":
      text = formatSarif(report, {
        uriRoot: repositoryRoot(loaded.root),
        rules: CHECK_RULES,
        toolVersion: toolVersion(),
        ...(loaded.anchorFile ? { fallbackFile: loaded.anchorFile } : {}),
      });
      break;
    default: {
      const toFile = command.options.output !== undefined;
      const color = !toFile && shouldUseColor(io.stdout, io.env, command.options.color);
      text = formatStylish(report, color ? ANSI : PLAIN);
    }
  }
  write(text, command.options.output, io);
  return report.diagnostics.some((d) => failsBuild(d.severity, settings.config)) ? 1 : 0;
}

/** Configured severities, "off" rules dropped, and each file's `eloquent-disable-next-line` comments honoured. */
function configured(diagnostics: Diagnostic[], config: Parameters<typeof applyRuleSettings>[1]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  const out: Diagnostic[] = [];
  for (const diagnostic of applyRuleSettings(diagnostics, config)) {
    const file = diagnostic.span?.file;
    if (file === undefined) out.push(diagnostic);
    else byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
  }
  for (const [file, list] of byFile) {
    const text = readText(file);
    out.push(...(text === undefined ? list : withoutSuppressed(list, text)));
  }
  return out;
}

function countModels(loaded: LoadedProjects): number {
  return mergedGraph(loaded).models.length;
}
