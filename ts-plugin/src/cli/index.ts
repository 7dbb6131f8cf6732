/**
 * `eloquent check` and `eloquent graph`: extractor + rule engine without ESLint, for CI and pictures.
 * The runtime's `eloquent` bin delegates here (`require("eloquent-ts-plugin/cli").main(argv)`).
 *
 * Exit codes: 0 no error-level diagnostic, 1 errors found, 2 usage or configuration problem.
 */
import type * as TS from "typescript";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkGraph, RULES, type Diagnostic, type ModelGraph } from "eloquent-orm/engine";
import { mapDiagnosticToSpan } from "../extract";
import { RELATION_PATH_RULE } from "../query-sites";
import { MAY_HAVE_QUERY_SITES, querySiteDiagnostics } from "./query-sites";
import { parseForExtraction } from "./project/source-graphs";
import { parseArgs, UsageError, USAGE, type Command } from "./args";
import { ANSI, PLAIN, shouldUseColor } from "./format/colors";
import { formatJson } from "./format/json";
import { formatSarif } from "./format/sarif";
import { formatStylish } from "./format/stylish";
import { renderDot } from "./graph/dot";
import { renderMermaid } from "./graph/mermaid";
import { renderSvg } from "./graph/svg";
import { buildGraphView } from "./graph/view";
import { loadProjects, type LoadedProjects } from "./load";
import { Progress } from "./progress";
import { locateDiagnostics, type CheckReport } from "./report";
import { normalizeFileName } from "./project/tsconfig";

export { SourceGraphs, contentHash, parseForExtraction, type SourceGraph, type SourceGraphOptions } from "./project/source-graphs";
export { findProjectConfigFor, readProjectConfig, normalizeFileName, ProjectConfigError, type ProjectConfig } from "./project/tsconfig";
export { ruleDocsUrl, RULES_DOC_URL } from "./rule-docs";
export { buildGraphView, type GraphView } from "./graph/view";
export { renderMermaid, renderDot, renderSvg };
export { toSarif } from "./format/sarif";
export { toJsonReport, type JsonReport, type JsonDiagnostic } from "./format/json";
export { parseArgs, USAGE, UsageError };
export { querySiteDiagnostics, MAY_HAVE_QUERY_SITES } from "./query-sites";

/** Every rule `eloquent check` can report: the engine's, plus relation paths at query sites. */
export const CHECK_RULES = [...RULES, RELATION_PATH_RULE];

export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
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
        return runCheck(command, io);
      case "graph":
        return runGraph(command, io);
    }
  } catch (error) {
    return usageFailure(error, io);
  }
}

function runCheck(command: Extract<Command, { command: "check" }>, io: CliIo): number {
  const ts = loadTypeScript(io.cwd);
  const progress = new Progress(io.stderr, "eloquent: reading sources");
  let loaded: LoadedProjects;
  try {
    loaded = loadProjects(ts, command.options, io.cwd, (done, total) => progress.update(done, total));
  } finally {
    progress.done();
  }
  let diagnostics = checkAll(loaded, ts);
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

function runGraph(command: Extract<Command, { command: "graph" }>, io: CliIo): number {
  const ts = loadTypeScript(io.cwd);
  const progress = new Progress(io.stderr, "eloquent: reading sources");
  let loaded: LoadedProjects;
  try {
    loaded = loadProjects(ts, command.options, io.cwd, (done, total) => progress.update(done, total));
  } finally {
    progress.done();
  }
  const diagnostics = checkAll(loaded, ts);
  const graph = mergedGraph(loaded);
  let only: Set<string> | undefined;
  if (loaded.reportFiles) {
    only = new Set();
    for (const project of loaded.graphs) {
      for (const model of project.link.models) if (loaded.reportFiles.has(normalizeFileName(model.file))) only.add(model.node.name);
    }
  }
  const view = buildGraphView(graph, diagnostics, only);
  let text: string;
  switch (command.format) {
    case "dot":
      text = renderDot(view);
      break;
    case "svg":
      text = command.renderer === "graphviz" ? renderWithGraphviz(renderDot(view)) : renderSvg(view);
      break;
    default:
      text = renderMermaid(view);
  }
  write(text, command.options.output, io);
  return 0;
}

/**
 * Engine over every project graph, plus the query sites of the reported files; each diagnostic
 * located, then kept when it is in a reported file.
 */
function checkAll(loaded: LoadedProjects, ts: typeof TS): Diagnostic[] {
  const all: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const project of loaded.graphs) {
    const modelFiles = new Map(project.link.models.map((m) => [m.node.name, normalizeFileName(m.file)]));
    const found = [...checkGraph(project.graph)];
    for (const fileName of project.fileNames) {
      if (loaded.reportFiles && !loaded.reportFiles.has(fileName)) continue;
      const text = readText(fileName);
      if (text === undefined || !MAY_HAVE_QUERY_SITES.test(text)) continue;
      const sourceFile = parseForExtraction(ts, fileName, text);
      found.push(...querySiteDiagnostics(ts, sourceFile, fileName, project.graph, project.files.get(fileName)));
    }
    for (const diagnostic of found) {
      const span = mapDiagnosticToSpan(diagnostic, project.graph);
      const located: Diagnostic = span ? { ...diagnostic, span: { ...span, file: normalizeFileName(span.file) } } : diagnostic;
      const file = located.span?.file ?? modelFiles.get(diagnostic.node.model);
      if (loaded.reportFiles && (file === undefined || !loaded.reportFiles.has(file))) continue;
      // Two projects can share files (a solution tsconfig and its references): report each problem once.
      const key = `${diagnostic.ruleId}\u0000${file ?? ""}\u0000${located.span?.start ?? ""}\u0000${diagnostic.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(located);
    }
  }
  return all;
}

function mergedGraph(loaded: LoadedProjects): ModelGraph {
  if (loaded.graphs.length === 1) return loaded.graphs[0]!.graph;
  const seen = new Set<string>();
  const models = [];
  for (const project of loaded.graphs) {
    for (const linked of project.link.models) {
      const key = `${normalizeFileName(linked.file)}\u0000${linked.node.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      models.push(linked.node);
    }
  }
  return { models };
}

function countModels(loaded: LoadedProjects): number {
  return mergedGraph(loaded).models.length;
}

function renderWithGraphviz(dot: string): string {
  const result = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : result.stderr.trim();
    throw new UsageError(
      `--renderer graphviz needs Graphviz's 'dot' on PATH (${reason}). Install Graphviz or use the built-in renderer (--renderer builtin).`,
    );
  }
  return result.stdout;
}

/** TypeScript from the user's project first (the version their code is written for), else ours. */
function loadTypeScript(cwd: string): typeof TS {
  for (const from of [cwd, __dirname]) {
    try {
      return require(require.resolve("typescript", { paths: [from] })) as typeof TS;
    } catch {
      // try the next location
    }
  }
  throw new UsageError("eloquent check needs the 'typescript' package: npm install --save-dev typescript");
}

function repositoryRoot(start: string): string {
  let directory = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(directory, ".git"))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return path.resolve(start);
    directory = parent;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function write(text: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, output);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

let cachedVersion: string | undefined;
function toolVersion(): string {
  if (cachedVersion === undefined) {
    try {
      cachedVersion = (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
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

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
