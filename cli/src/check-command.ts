/** `eloquent check`: diagnostics as stylish text, JSON or SARIF; exit 1 when an error is found. */
import type { Command } from "./args";
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
  const ts = loadTypeScript(io.cwd);
  const loaded = readProjects(ts, command.options, io);
  let diagnostics = checkAll(loaded, ts);
  if (command.database !== undefined) diagnostics = [...diagnostics, ...(await databaseDiagnostics(mergedGraph(loaded), command.database, io))];
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
  return report.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

function countModels(loaded: LoadedProjects): number {
  return mergedGraph(loaded).models.length;
}
