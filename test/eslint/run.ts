/** Spawning the real binaries (built packages): ESLint 10, ESLint 9 and the `eloquent` CLI. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./corpus-projects";

export const ESLINT10 = join(REPO_ROOT, "node_modules", ".bin", "eslint");
export const ESLINT9 = join(REPO_ROOT, "node_modules", "eslint9", "bin", "eslint.js");
export const CLI = join(REPO_ROOT, "ts-plugin", "dist", "cli", "bin.js");

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const isScript = command.endsWith(".js");
  const result = spawnSync(isScript ? process.execPath : command, isScript ? [command, ...args] : [...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface EslintMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  severity: number;
  fix?: unknown;
  suggestions?: unknown[];
}

export interface EslintFileResult {
  filePath: string;
  messages: EslintMessage[];
}

/** Parses `--format json` output, failing with ESLint's stderr when it crashed instead. */
export function parseEslintJson(result: RunResult): EslintFileResult[] {
  try {
    return JSON.parse(result.stdout) as EslintFileResult[];
  } catch {
    throw new Error(`ESLint did not print JSON (exit ${result.status}).\nstderr:\n${result.stderr}\nstdout:\n${result.stdout.slice(0, 2000)}`);
  }
}
