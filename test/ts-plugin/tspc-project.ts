/** Temp projects for `tspc`: models split over files that do not import each other, in one or more tsconfigs. */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./tsserver-client";

export const TSPC = path.join(REPO_ROOT, "node_modules/ts-patch/bin/tspc.js");

/** The TypeScript packages of the supported range this repository installs (ts-patch picks one by path). */
export const TYPESCRIPTS = {
  "5.0": path.join(REPO_ROOT, "node_modules/typescript5"),
  "5.9": path.join(REPO_ROOT, "node_modules/typescript"),
  "6.0": path.join(REPO_ROOT, "node_modules/typescript6"),
} as const;

export const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "node16",
  moduleResolution: "node16",
  strict: true,
  skipLibCheck: true,
  types: [],
  plugins: [{ transform: "eloquent-ts-plugin/transform", transformProgram: true }],
};

export function userModel(className = "User"): string {
  return `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class ${className} extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
  };
}
`;
}

/** Post's author targets `target`: broken unless a model of that name exists (in a file Post does not import). */
export function postModel(target = "User"): string {
  return `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    author: relation("belongsTo", "${target}", { foreignKey: "user_id" }),
  };
}
`;
}

export interface TempProject {
  root: string;
  write(file: string, text: string): void;
  cleanup(): void;
}

export function tempProject(files: Record<string, string | object>): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), "eloquent-tspc-"));
  // The packages (eloquent-orm for the model imports, the transformer) resolve through the repository's node_modules.
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  const write = (file: string, text: string | object): void => {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, typeof text === "string" ? text : JSON.stringify(text, null, 2));
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { root, write, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface TspcRun {
  code: number;
  output: string;
}

/** Runs `tspc` (with `typescript`, a TypeScript package directory, in place of the repository's own when given). */
export function tspc(args: string[], cwd = REPO_ROOT, typescript?: string): Promise<TspcRun> {
  const env = typescript ? { ...process.env, TSP_COMPILER_TS_PATH: typescript } : process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [TSPC, ...args], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

export const errorLines = (run: TspcRun): string[] => run.output.split("\n").filter((line) => /error TS\d+/.test(line));

/** The diagnostic `modelsProject` gives for Post → "Usr". */
export const TARGET_ERROR = /post\.ts\(9,35\): error TS102: Post\.author \(belongsTo 'Usr'\): target 'Usr' is not a declared model\./;

/** One project, Post → "Usr" (broken) unless `target` names User; User and Post do not import each other. */
export function modelsProject(compilerOptions: object, target = "Usr"): TempProject {
  const project = tempProject({
    "tsconfig.json": { compilerOptions: { ...COMPILER_OPTIONS, ...compilerOptions }, include: ["src"] },
    "src/user.ts": userModel(),
    "src/post.ts": postModel(target),
  });
  created.push(project);
  return project;
}

/** Projects made by modelsProject; a test file removes them after each test with `afterEach(cleanupModelsProjects)`. */
const created: TempProject[] = [];
export function cleanupModelsProjects(): void {
  for (const project of created.splice(0)) project.cleanup();
}
