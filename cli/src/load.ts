/**
 * Which files `eloquent check` / `eloquent graph` look at, and the model graphs they form:
 * --project → that tsconfig; paths → each file's own project (nearest tsconfig that includes it,
 * like tsserver), reporting only on the given paths; neither → ./tsconfig.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, type CommonOptions } from "./args";
import type { CliIo } from "./io";
import { Progress } from "./progress";
import { SourceGraphs, type SourceGraph } from "eloquent-analyzer";
import { projectConfigLookup, normalizeFileName, ProjectConfigError, type ProjectConfig } from "eloquent-analyzer";

export interface LoadedProjects {
  graphs: SourceGraph[];
  /** Report only diagnostics in these files (undefined: everything). */
  reportFiles?: ReadonlySet<string>;
  /** Project root relative paths are shown against. */
  root: string;
  /** A tsconfig to anchor diagnostics without a location (SARIF needs one). */
  anchorFile?: string;
}

// JavaScript model files (.js/.cjs/.mjs) are checked like their .ts twins.
const SOURCE_EXTENSION = /\.(?:[cm]?[tj]sx?)$/;
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", "build", "coverage"]);

/** `loadProjects` for a command: progress on stderr while the sources are read. */
export function readProjects(options: CommonOptions, io: CliIo): LoadedProjects {
  const progress = new Progress(io.stderr, "eloquent: reading sources");
  try {
    return loadProjects(options, io.cwd, (done, total) => progress.update(done, total));
  } finally {
    progress.done();
  }
}

export function loadProjects(options: CommonOptions, cwd: string, onProgress?: (done: number, total: number) => void): LoadedProjects {
  const graphs = new SourceGraphs(onProgress ? { onProgress } : {});
  try {
    if (options.project !== undefined) {
      const configFile = resolveProjectOption(options.project, cwd);
      const reportFiles = options.paths.length > 0 ? expandPaths(options.paths, cwd) : undefined;
      return {
        graphs: withReferences(graphs, configFile),
        ...(reportFiles ? { reportFiles } : {}),
        root: path.dirname(configFile),
        anchorFile: configFile,
      };
    }
    if (options.paths.length > 0) {
      const files = expandPaths(options.paths, cwd);
      const configs = new Map<string, ProjectConfig>();
      const loose: string[] = [];
      const projectOf = projectConfigLookup();
      for (const file of files) {
        const config = projectOf(file);
        if (config) configs.set(config.configFile, config);
        else loose.push(file);
      }
      const projectGraphs = [...configs.values()].map((config) => graphs.forConfig(config.configFile, config));
      if (loose.length > 0) projectGraphs.push(graphs.forFiles(loose));
      const anchor = [...configs.keys()][0];
      return { graphs: projectGraphs, reportFiles: files, root: cwd, ...(anchor ? { anchorFile: anchor } : {}) };
    }
    const configFile = path.join(cwd, "tsconfig.json");
    if (!fs.existsSync(configFile)) {
      throw new UsageError(
        `No tsconfig.json in ${cwd}. Run eloquent in your project's root, pass --project <path/to/tsconfig.json>, ` +
          `or name the files or directories to check (e.g. 'eloquent check src/models').`,
      );
    }
    return { graphs: withReferences(graphs, normalizeFileName(configFile)), root: cwd, anchorFile: normalizeFileName(configFile) };
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * A tsconfig's graph plus those of the projects it references (a solution-style tsconfig lists its
 * packages as references); each project is its own graph, as tsserver and typescript-eslint see them.
 */
function withReferences(graphs: SourceGraphs, configFile: string): SourceGraph[] {
  const result: SourceGraph[] = [];
  const seen = new Set<string>();
  const visit = (file: string, required: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!required && !fs.existsSync(file)) return;
    const graph = graphs.forConfig(file);
    if (graph.fileNames.length > 0 || required) result.push(graph);
    for (const reference of graph.config?.references ?? []) visit(reference, false);
  };
  visit(configFile, true);
  return result;
}

function resolveProjectOption(project: string, cwd: string): string {
  const resolved = path.resolve(cwd, project);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new UsageError(`--project ${project}: no such file or directory (resolved to ${resolved}).`);
  }
  if (stat.isDirectory()) {
    const inside = path.join(resolved, "tsconfig.json");
    if (!fs.existsSync(inside)) throw new UsageError(`--project ${project}: the directory has no tsconfig.json.`);
    return normalizeFileName(inside);
  }
  return normalizeFileName(resolved);
}

/** Files named on the command line, directories expanded to their TypeScript sources. */
function expandPaths(paths: readonly string[], cwd: string): Set<string> {
  const files = new Set<string>();
  for (const given of paths) {
    const resolved = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(resolved);
    } catch {
      throw new UsageError(`${given}: no such file or directory.`);
    }
    if (stat.isDirectory()) walk(resolved, files);
    else files.add(normalizeFileName(resolved));
  }
  return files;
}

function walk(directory: string, into: Set<string>): void {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith(".")) walk(path.join(directory, entry.name), into);
    } else if (entry.isFile() && SOURCE_EXTENSION.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      into.add(normalizeFileName(path.join(directory, entry.name)));
    }
  }
}
