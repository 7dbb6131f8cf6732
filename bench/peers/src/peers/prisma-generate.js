"use strict";
/**
 * Generates the Prisma clients for the benchmark (blog and morph schemas) into .generated/, then
 * transpiles the generated TypeScript to CommonJS with the workspace's TypeScript.
 *
 * Prisma 7's CLI insists on having its schema engine binary (downloaded from Prisma's own server by
 * @prisma/engines' postinstall, which is not allowed here) before any command, although `generate`
 * never runs it. PRISMA_SCHEMA_ENGINE_BINARY points it at a stub that only fails loudly, so nothing
 * is downloaded; if a future Prisma really needed the engine for `generate`, generation fails and
 * the prisma peer is reported SKIPPED with that error.
 */
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const OUT = path.join(ROOT, ".generated");
const SCHEMAS = ["blog", "morph"];
const MARKER = path.join(OUT, "prisma-ok.json");
const ERROR_FILE = path.join(OUT, "prisma-error.txt");

function clientPath(schema) {
  return path.join(OUT, `prisma-${schema}-js`, "client.js");
}

function generated() {
  return fs.existsSync(MARKER) && SCHEMAS.every((s) => fs.existsSync(clientPath(s)));
}

function transpileDir(src, dest, ts) {
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (entry.isDirectory()) {
      transpileDir(from, to, ts);
    } else if (entry.name.endsWith(".ts")) {
      const { outputText } = ts.transpileModule(fs.readFileSync(from, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: from,
      });
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to.replace(/\.ts$/, ".js"), outputText);
    } else if (!entry.name.endsWith(".d.ts")) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
    }
  }
}

/** Returns null when the clients are ready, else the reason they are not. */
function ensurePrismaClients() {
  if (generated()) return null;
  fs.mkdirSync(OUT, { recursive: true });
  const stub = path.join(OUT, "no-schema-engine.sh");
  fs.writeFileSync(stub, '#!/bin/sh\necho "prisma schema-engine is not installed (benchmark runs prisma generate only)" >&2\nexit 1\n', { mode: 0o755 });
  try {
    const ts = require(require.resolve("typescript", { paths: [path.resolve(ROOT, "..", "..")] }));
    const cli = require.resolve("prisma/build/index.js", { paths: [ROOT] });
    for (const schema of SCHEMAS) {
      execFileSync(process.execPath, [cli, "generate", "--schema", path.join(ROOT, "prisma", `${schema}.prisma`)], {
        cwd: ROOT,
        env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 120_000,
      });
      const dest = path.join(OUT, `prisma-${schema}-js`);
      fs.rmSync(dest, { recursive: true, force: true });
      transpileDir(path.join(OUT, `prisma-${schema}`), dest, ts);
    }
    fs.writeFileSync(MARKER, JSON.stringify({ at: new Date().toISOString() }));
    fs.rmSync(ERROR_FILE, { force: true });
    return null;
  } catch (error) {
    const detail = String((error.stderr && error.stderr.toString()) || error.message).trim().split("\n").filter(Boolean).slice(-2).join(" ");
    const reason = `prisma generate failed without downloads: ${detail}`.slice(0, 300);
    fs.writeFileSync(ERROR_FILE, reason);
    return reason;
  }
}

module.exports = { ensurePrismaClients, clientPath, ERROR_FILE };

if (require.main === module) {
  const reason = ensurePrismaClients();
  console.log(reason || `Prisma clients ready in ${path.relative(process.cwd(), OUT)}`);
  process.exitCode = reason ? 1 : 0;
}
