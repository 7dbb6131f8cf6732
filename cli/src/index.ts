/**
 * The `eloquent` command: `check` and `graph` (analyzer + rule engine without ESLint, for CI and pictures)
 * and `migrate` (the ORM, loaded only for that command).
 *
 * Exit codes: 0 no error-level diagnostic, 1 errors found, 2 usage or configuration problem.
 */
import { parseArgs, UsageError, USAGE, type Command } from "./args";
import { runCheck } from "./check-command";
import { runGraph } from "./graph-command";
import { runTypes } from "./types-command";
import { processIo, toolVersion, type CliIo } from "./io";
import { MIGRATE_COMMANDS, runMigrateCommand, type MigrateCommand } from "./migrate/commands";

export { buildGraphView, type GraphView } from "./graph/view";
export { renderMermaid } from "./graph/mermaid";
export { renderDot } from "./graph/dot";
export { renderSvg } from "./graph/svg";
export { toSarif } from "./format/sarif";
export { toJsonReport, type JsonReport, type JsonDiagnostic } from "./format/json";
export { CHECK_RULES } from "./analysis";
// The registry file is written by the analyzer (the tsserver plugin keeps it current too).
export { renderModelRegistry, type RegistryEntry } from "eloquent-analyzer";
export { parseArgs, USAGE, UsageError };
export type { CliIo };

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  if ((MIGRATE_COMMANDS as readonly string[]).includes(argv[0] ?? ""))
    return runMigrateCommand(argv[0] as MigrateCommand, argv.slice(1), io);
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    return usageFailure(error, io);
  }
  try {
    switch (command.command) {
      case "help":
        io.stdout.write(USAGE);
        return 0;
      case "version":
        io.stdout.write(`${toolVersion()}\n`);
        return 0;
      case "check":
        return await runCheck(command, io);
      case "graph":
        return runGraph(command, io);
      case "types":
        return runTypes(command, io);
    }
  } catch (error) {
    return usageFailure(error, io);
  }
}

function usageFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`eloquent: ${error.message}\n`);
    return 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`eloquent: internal error — please report it with the command you ran.\n${detail}\n`);
  return 2;
}
