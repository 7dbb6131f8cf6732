/** The CLI's contact with the outside world: streams, files, the TypeScript it runs with, its version. */
import type * as TS from "typescript";
import * as fs from "node:fs";
import * as path from "node:path";
import { hasCompilerApi, noCompilerApiMessage, typescriptPackageAt, unsupportedTypeScriptMessage, useTypeScript } from "eloquent-analyzer";
import { UsageError } from "./args";

export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * TypeScript from the user's project first (the version their code is written for), else ours. An
 * unsupported one (TypeScript 7, native: no JavaScript API) stops with one line saying how to fix it.
 */
export function loadTypeScript(cwd: string): typeof TS {
  for (const from of [cwd, __dirname]) {
    const found = typescriptPackageAt(from);
    if (!found) continue;
    const unsupported = unsupportedTypeScriptMessage("eloquent check", found.version, found.directory);
    if (unsupported) throw new UsageError(unsupported.replace(/^eloquent check: /, ""));
    let loaded: unknown;
    try {
      loaded = require(found.directory);
    } catch {
      loaded = undefined;
    }
    if (!hasCompilerApi(loaded))
      throw new UsageError(noCompilerApiMessage("eloquent check", found.version, found.directory).replace(/^eloquent check: /, ""));
    // The instance every analyzer function uses from here on.
    useTypeScript(loaded as typeof TS);
    return loaded as typeof TS;
  }
  throw new UsageError("eloquent check needs the 'typescript' package: npm install --save-dev typescript@^6");
}

export function repositoryRoot(start: string): string {
  let directory = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(directory, ".git"))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return path.resolve(start);
    directory = parent;
  }
}

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function write(text: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, output);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

let cachedVersion: string | undefined;
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    try {
      cachedVersion = (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string })
        .version;
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
