/** Command-line parsing for `eloquent check` and `eloquent graph`, with errors that say what was expected. */
export type CheckFormat = "stylish" | "json" | "sarif";
export type GraphFormat = "mermaid" | "dot" | "svg";

export interface CommonOptions {
  paths: string[];
  project?: string;
  output?: string;
  color?: boolean;
}

export type Command =
  | { command: "check"; format: CheckFormat; quiet: boolean; options: CommonOptions; database?: string }
  | { command: "graph"; format: GraphFormat; renderer: "builtin" | "graphviz"; options: CommonOptions }
  | { command: "types"; options: CommonOptions }
  | { command: "help"; topic?: "check" | "graph" | "types" }
  | { command: "version" };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const CHECK_FORMATS: readonly CheckFormat[] = ["stylish", "json", "sarif"];
const GRAPH_FORMATS: readonly GraphFormat[] = ["mermaid", "dot", "svg"];

export const USAGE = `Usage:
  eloquent check [paths...] [--format stylish|json|sarif] [--project tsconfig.json] [--output file] [--quiet] [--db <connection>]
  eloquent graph [paths...] [--format mermaid|dot|svg] [--project tsconfig.json] [--output file] [--renderer builtin|graphviz]
  eloquent types [paths...] [--project tsconfig.json] [--output eloquent-models.d.ts]
  eloquent migrate[:make|:latest|:rollback|:status] ...   (see 'eloquent migrate --help')

  check   Extract the models from TypeScript source and run eloquent's relation rules (no ESLint needed).
          Exit code 1 when an error-level diagnostic is found, 2 on a usage or configuration problem.
  graph   Draw the relation graph: models grouped by store, relation kinds on the edges, cross-store
          relations dashed, relations with errors in red.
  types   Write the declaration file that maps model names to classes (eloquent-orm's \`Models\`), so
          relation("hasMany", "Post") loads typed Posts. Default output: ./eloquent-models.d.ts.
  migrate Create tables now, or write and run migration files from the difference between the models and
          the live database (needs eloquent-orm). Connections come from the environment.

Options:
  -p, --project <file|dir>  The tsconfig whose files form the project (default: ./tsconfig.json; paths
                            given on the command line each use the nearest tsconfig that includes them).
  -f, --format <name>       Output format (check: stylish, json, sarif; graph: mermaid, dot, svg).
  -o, --output <file>       Write the report to a file instead of stdout.
  -q, --quiet               check: report errors only.
      --db <connection>     check: also check the models against that live database (tables, key columns,
                            pivot tables, key types, indexes under hasMany keys; needs eloquent-orm).
      --renderer <name>     graph --format svg: builtin (default, no external tool) or graphviz (needs \`dot\` on PATH).
      --color, --no-color   Force or disable colours (default: on when stdout is a terminal).
  -h, --help                Show this help.
  -v, --version             Print the version.
`;

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    const topic = rest[0] === "check" || rest[0] === "graph" ? rest[0] : undefined;
    return topic ? { command: "help", topic } : { command: "help" };
  }
  if (first === "-v" || first === "--version") return { command: "version" };
  if (first !== "check" && first !== "graph" && first !== "types") {
    throw new UsageError(
      `Unknown command '${first}'. Expected 'check', 'graph', 'types', 'migrate', 'migrate:make', 'migrate:latest', 'migrate:rollback' or 'migrate:status' (see 'eloquent --help').`,
    );
  }

  const options: CommonOptions = { paths: [] };
  let format: string | undefined;
  let quiet = false;
  let renderer: "builtin" | "graphviz" = "builtin";
  let database: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? rest[++i];
      if (next === undefined || (inline === undefined && next.startsWith("-"))) {
        throw new UsageError(`Option ${flag} needs a value (see 'eloquent ${first} --help').`);
      }
      return next;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return { command: "help", topic: first };
      case "-f":
      case "--format":
        format = value();
        break;
      case "-p":
      case "--project":
        options.project = value();
        break;
      case "-o":
      case "--output":
        options.output = value();
        break;
      case "-q":
      case "--quiet":
        quiet = true;
        break;
      case "--renderer": {
        const chosen = value();
        if (chosen !== "builtin" && chosen !== "graphviz") {
          throw new UsageError(`Unknown renderer '${chosen}'. Expected 'builtin' or 'graphviz'.`);
        }
        renderer = chosen;
        break;
      }
      case "--db":
        if (first !== "check") throw new UsageError(`--db is an option of 'eloquent check'.`);
        database = value();
        break;
      case "--color":
        options.color = true;
        break;
      case "--no-color":
        options.color = false;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") {
          throw new UsageError(`Unknown option '${arg}' for 'eloquent ${first}' (see 'eloquent ${first} --help').`);
        }
        options.paths.push(arg);
    }
  }

  if (first === "check") {
    const chosen = format ?? "stylish";
    if (!(CHECK_FORMATS as readonly string[]).includes(chosen)) {
      throw new UsageError(`Unknown format '${chosen}' for 'eloquent check'. Expected one of: ${CHECK_FORMATS.join(", ")}.`);
    }
    return { command: "check", format: chosen as CheckFormat, quiet, options, ...(database !== undefined ? { database } : {}) };
  }
  if (first === "types") {
    if (format !== undefined) throw new UsageError(`'eloquent types' writes one format (a .d.ts file); remove --format.`);
    return { command: "types", options };
  }
  const chosen = format ?? "mermaid";
  if (!(GRAPH_FORMATS as readonly string[]).includes(chosen)) {
    throw new UsageError(`Unknown format '${chosen}' for 'eloquent graph'. Expected one of: ${GRAPH_FORMATS.join(", ")}.`);
  }
  return { command: "graph", format: chosen as GraphFormat, renderer, options };
}
