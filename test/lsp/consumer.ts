/**
 * A consumer project installed the way a user installs eloquent: `npm pack` of the workspace packages, then
 * `npm install` of those tarballs plus typescript into a fresh directory (from the npm cache when possible).
 * Requires `npm run build` first (the tarballs ship `dist`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

const PACKAGES = ["engine", "analyzer", "ts-plugin", "runtime"];

/** The typescript-language-server binary of the root workspace, or undefined when it is not installed. */
export function languageServerBin(): string | undefined {
  const bin = path.join(REPO_ROOT, "node_modules/typescript-language-server/lib/cli.mjs");
  return fs.existsSync(bin) ? bin : undefined;
}

/** The workspace's TypeScript by default; ELOQUENT_LSP_TYPESCRIPT=6.0.3 (say) runs the suite on another one. */
export function consumerTypescriptVersion(): string {
  return (
    process.env.ELOQUENT_LSP_TYPESCRIPT ??
    (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/typescript/package.json"), "utf8")) as { version: string }).version
  );
}

export interface Consumer {
  root: string;
  file(name: string): string;
  read(name: string): string;
  cleanup(): void;
}

function npm(args: string[], cwd: string): string {
  return execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Packs the packages and installs them with typescript into a new temporary project holding `fixture`'s files. */
export function createConsumer(fixture: string): Consumer {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "eloquent-lsp-"));
  const packs = path.join(root, "packs");
  const project = path.join(root, "project");
  fs.mkdirSync(packs);
  fs.mkdirSync(project);
  const packed = npm(["pack", "--silent", "--pack-destination", packs, ...PACKAGES.flatMap((name) => ["-w", name])], REPO_ROOT)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.endsWith(".tgz"));
  if (packed.length !== PACKAGES.length)
    throw new Error(`npm pack produced ${packed.length} tarballs, expected ${PACKAGES.length}: ${packed.join(", ")}`);
  const typescriptVersion = consumerTypescriptVersion();
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "eloquent-lsp-consumer", private: true, type: "commonjs" }, null, 2),
  );
  const install = [
    "install",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    ...packed.map((name) => path.join(packs, name)),
    `typescript@${typescriptVersion}`,
  ];
  try {
    npm([...install, "--offline"], project);
  } catch {
    npm([...install, "--prefer-offline"], project);
  }
  const source = path.join(REPO_ROOT, "test/fixtures/lsp", fixture);
  for (const name of fs.readdirSync(source)) fs.copyFileSync(path.join(source, name), path.join(project, name));
  return {
    root: project,
    file: (name) => path.join(project, name),
    read: (name) => fs.readFileSync(path.join(project, name), "utf8"),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
