/**
 * `eloquent types`: writes the declaration file that fills eloquent-orm's `Models` registry (model name →
 * class), so string relation targets (`relation("hasMany", "Post")`, the seed's form) type what they load.
 * The names are the engine's model names as the analyzer links them — no convention is decided here;
 * the file's text is the analyzer's (model-registry.ts), which the tsserver plugin keeps current.
 */
import * as path from "node:path";
import type { Command } from "./args";
import { loadTypeScript, write, type CliIo } from "./io";
import { readProjects } from "./load";
import { registryEntries, renderModelRegistry } from "eloquent-analyzer";

export function runTypes(command: Extract<Command, { command: "types" }>, io: CliIo): number {
  loadTypeScript(io.cwd);
  const loaded = readProjects(command.options, io);
  // one list over every project: a model two tsconfigs include is one entry
  const entries = registryEntries(loaded.graphs.flatMap((project) => project.link.models));
  const output = command.options.output ?? "eloquent-models.d.ts";
  const target = path.resolve(io.cwd, output);
  write(renderModelRegistry(entries, path.dirname(target)), target, io);
  io.stderr.write(`eloquent: wrote ${entries.filter((e) => e.exported).length} models to ${path.relative(io.cwd, target) || target}\n`);
  return 0;
}
