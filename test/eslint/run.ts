/** Spawning the real binaries (built packages): ESLint 10, ESLint 9 and the `eloquent` CLI. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./corpus-projects";

export const ESLINT10 = join(REPO_ROOT, "node_modules", ".bin", "eslint");
export const CLI = join(REPO_ROOT, "cli", "dist", "bin.js");

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
    throw new Error(
      `ESLint did not print JSON (exit ${result.status}).\nstderr:\n${result.stderr}\nstdout:\n${result.stdout.slice(0, 2000)}`,
    );
  }
}

/**
 * ESLint 9, installed once into a cache outside the repo. (An `eslint9: npm:eslint@^9` devDependency would
 * take over node_modules/.bin/eslint: both packages ship a bin named `eslint`.) Returns undefined — and the
 * caller warns loudly — when the npm registry cannot be reached.
 */
export function ensureEslint9(): string | undefined {
  const cache = join(tmpdir(), "eloquent-eslint9-v1");
  const bin = join(cache, "node_modules", "eslint", "bin", "eslint.js");
  if (existsSync(bin)) return bin;
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, "package.json"), JSON.stringify({ private: true, dependencies: { eslint: "^9.39.0" } }));
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], {
    cwd: cache,
    encoding: "utf8",
    timeout: 180_000,
  });
  if (npm.status !== 0 || !existsSync(bin)) {
    console.warn(
      `ESLint 9 could not be installed into ${cache} (npm exit ${npm.status}): ${npm.stderr?.slice(0, 500)} — ESLint 9 checks skipped`,
    );
    return undefined;
  }
  return bin;
}
