/**
 * The whole project's model graph for the file being linted — the one input every rule shares.
 *
 * With type information (`parserServices.program`), the graph comes from the Program's files (see
 * TypedGraphs: per-SourceFile extraction, other files checked against the disk). Without it,
 * the project is found from tsconfig (nearest tsconfig.json that includes the file) and read from disk
 * through a content-keyed cache that re-checks the disk between lints (see SourceGraphs), with the
 * linted file's own text always taken from ESLint — so an edit in another file is never missed.
 */
import type * as TS from "typescript";
import type { ModelGraph } from "eloquent-engine";
import { SourceGraphs } from "./source-graphs";
import type { FileFacts } from "../extract";
import { loadTypeScript } from "../typescript";
import { TypedGraphs } from "./typed-graph";
import { sharedParses } from "./shared-parses";

export type GraphMode = "typed" | "untyped";

export interface ProjectGraph {
  mode: GraphMode;
  /** Identity of this graph's content: equal keys, equal graphs (the engine runs once per key). */
  key: string;
  graph: ModelGraph;
  files: ReadonlyMap<string, FileFacts>;
  /** Type checker, in typed mode (query sites on typed receivers such as `user.load(...)`). */
  checker?: TS.TypeChecker;
}

/** What the graph needs from ESLint's rule context (kept minimal so ESLint 9 and 10 both fit). */
export interface LintedFile {
  fileName: string;
  text: string;
  program: TS.Program | null | undefined;
  /** The parser's TypeScript AST of `text`, when it has one (saves a second parse). */
  sourceFile: TS.SourceFile | undefined;
}

let untyped: SourceGraphs | undefined;
let typed: TypedGraphs | undefined;

/** ELOQUENT_ESLINT_TRACE=1 prints which graph each linted file got (typed/untyped) on stderr: for tests and support. */
const TRACE = process.env.ELOQUENT_ESLINT_TRACE === "1";
function trace(mode: GraphMode, fileName: string, models: number): void {
  if (TRACE) process.stderr.write(`eloquent: ${mode} graph (${models} models) for ${fileName}\n`);
}

export function projectGraphFor(file: LintedFile): ProjectGraph {
  loadTypeScript();
  if (file.program) {
    typed ??= new TypedGraphs();
    const graph = typed.forProgram(file.program, file.fileName);
    trace("typed", file.fileName, graph.link.graph.models.length);
    return {
      mode: "typed",
      key: `typed:${graph.key}`,
      graph: graph.link.graph,
      files: graph.files,
      checker: file.program.getTypeChecker(),
    };
  }
  // Parses shared with ESLint's parser: each file is parsed once per lint run (see SharedParses).
  untyped ??= new SourceGraphs({ parses: sharedParses });
  const graph = untyped.forFile(file.fileName, file.text, file.sourceFile);
  trace("untyped", file.fileName, graph.graph.models.length);
  return { mode: "untyped", key: `untyped:${graph.key}`, graph: graph.graph, files: graph.files };
}
