/**
 * A real consumer install of the seed-compat re-export package under the seed's name: `npm pack` the engine,
 * the runtime and seed-compat, install them into a temp project as `@alpha.consultings/eloquent-orm.js`
 * (npm install --offline: the packages' own dependencies come from the npm cache), then run CommonJS code
 * written for the seed package and type-check a TypeScript consumer against the installed types.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = resolve(__dirname, "../..");
let root: string;
let installed = false;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "eloquent-seed-consumer-"));
  const packs: Record<string, string> = {};
  for (const [name, dir] of [
    ["eloquent-engine", "engine"],
    ["eloquent-orm", "runtime"],
    ["eloquent-orm-seed", "seed-compat"],
  ] as const) {
    const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", root], { cwd: join(REPO, dir), encoding: "utf8" })
      .trim()
      .split("\n")
      .pop()!;
    packs[name] = `file:./${out}`;
  }
  const app = join(root, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({
      name: "seed-consumer",
      private: true,
      dependencies: {
        "eloquent-engine": packs["eloquent-engine"]!.replace("./", "../"),
        "eloquent-orm": packs["eloquent-orm"]!.replace("./", "../"),
        // The documented install: npm i @alpha.consultings/eloquent-orm.js@npm:eloquent-orm-seed (here from the packed tarball).
        "@alpha.consultings/eloquent-orm.js": packs["eloquent-orm-seed"]!.replace("./", "../"),
      },
    }),
  );
  const install = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: app, encoding: "utf8" });
  installed = install.status === 0;
  if (!installed) {
    console.warn(`\n!!! SKIPPING the seed consumer install test: npm install --offline failed (no npm cache?):\n${install.stderr}\n`);
    return;
  }
  // The drivers are optional peers the app brings; the runtime's entry also loads the Mongo modules.
  for (const peer of ["better-sqlite3", "mongodb", "mingo"])
    symlinkSync(join(REPO, "node_modules", peer), join(app, "node_modules", peer), "dir");
  copyFileSync(join(__dirname, "seed-consumer/app.cjs"), join(app, "app.cjs"));
  copyFileSync(join(__dirname, "seed-consumer/models.ts"), join(app, "models.ts"));
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a consumer installing eloquent-orm under the seed's package name", () => {
  it("runs CommonJS code written for the seed package unchanged", (context) => {
    if (!installed) context.skip();
    const result = spawnSync(process.execPath, ["app.cjs"], { cwd: join(root, "app"), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ diagnostics: ["warning pivot-metadata"], author: "Ada", tags: ["intro"] });
  });

  it("type-checks a TypeScript consumer against the installed package's types (node16 resolution)", (context) => {
    if (!installed) context.skip();
    const app = join(root, "app");
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "node16",
          moduleResolution: "node16",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(REPO, "node_modules/@types")],
        },
        files: ["models.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: app,
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
