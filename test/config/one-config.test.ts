/**
 * One configuration for every front: eloquent.config.json (or the plugin entry) sets rule severities once;
 * `eloquent check`, `tspc` and ESLint then give the same pass/fail on one project, warnings do not fail the
 * build unless "failOnWarnings", and `// eloquent-disable-next-line <rule>` is honoured by each front —
 * tsserver, tspc, CLI, ESLint and `registerModels`.
 */
import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, ESLINT10 } from "../eslint/run";
import { TSPC, type TempProject } from "../ts-plugin/tspc-project";
import { REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "../ts-plugin/tsserver-client";
import { oneConfigProject } from "./one-config-project";

const projects: TempProject[] = [];
afterAll(() => {
  for (const project of projects) project.cleanup();
});

interface FrontResult {
  status: number;
  output: string;
}

function run(command: string, args: string[], cwd: string): Promise<FrontResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ status, output: stdout + stderr });
    });
  });
}

/**
 * Each static front's outcome on the project: does it fail? (Exit codes differ in value between tools, not in meaning.)
 * The three run side by side: they are independent processes, and run one after another they dominate the suite's time.
 */
async function fronts(project: TempProject): Promise<Record<"cli" | "tspc" | "eslint", FrontResult>> {
  const [cli, tspc, eslint] = await Promise.all([
    run(process.execPath, [CLI, "check"], project.root),
    run(process.execPath, [TSPC, "-p", project.root], project.root),
    run(ESLINT10, ["src"], project.root),
  ]);
  return { cli, tspc, eslint };
}

const failing = (results: Record<string, FrontResult>): Record<string, boolean> =>
  Object.fromEntries(Object.entries(results).map(([front, r]) => [front, r.status !== 0]));

const SCENARIOS: Array<{ name: string; config?: object; withPost?: "broken" | "suppressed"; fails: boolean }> = [
  { name: "no configuration: a warning fails nothing", fails: false },
  { name: '"cross-store-relation": "error" fails every front', config: { rules: { "cross-store-relation": "error" } }, fails: true },
  { name: '"failOnWarnings": true fails every front on the warning', config: { failOnWarnings: true }, fails: true },
  {
    name: '"off" removes the warning everywhere, also with failOnWarnings',
    config: { failOnWarnings: true, rules: { "eloquent/cross-store-relation": "off" } },
    fails: false,
  },
  { name: "an error fails every front", withPost: "broken", fails: true },
  { name: "an eloquent-disable-next-line comment suppresses the error in every front", withPost: "suppressed", fails: false },
  {
    name: '"warning" for an error rule passes every front',
    withPost: "broken",
    config: { rules: { "relation-target-exists": "warn" } },
    fails: false,
  },
];

describe("one eloquent configuration: the same result from eloquent check, tspc and ESLint", () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const project = oneConfigProject({
        ...(scenario.config ? { config: scenario.config } : {}),
        ...(scenario.withPost ? { withPost: scenario.withPost } : {}),
      });
      projects.push(project);
      const results = await fronts(project);
      const detail = Object.entries(results)
        .map(([front, r]) => `--- ${front} (exit ${r.status})\n${r.output}`)
        .join("\n");
      expect(failing(results), detail).toEqual({ cli: scenario.fails, tspc: scenario.fails, eslint: scenario.fails });
      // Never a crash: exit 1/2 for findings only, and with the engine's text.
      for (const result of Object.values(results)) expect(result.output).not.toMatch(/internal error|TypeError/);
      if (scenario.fails) expect(results.tspc.output).toMatch(/(error|warning) TS(603|102)/);
      // The comment in photo.ts always suppresses Photo.owner's cross-store warning; User.photos keeps its own.
      expect(results.cli.output).not.toContain("Photo.owner");
      expect(results.eslint.output).not.toContain("Photo.owner");
    });
  }

  it("a misconfiguration is one clear message naming the file and the rule, not a crash", async () => {
    const project = oneConfigProject({ config: { rules: { "cross-store-relations": "off" } } });
    projects.push(project);
    const results = await fronts(project);
    for (const [front, result] of Object.entries(results)) {
      expect(result.status, front).not.toBe(0);
      expect(result.output, front).toMatch(/eloquent\.config\.json: unknown rule "cross-store-relations"/);
    }
  });
});

describe.each(TYPESCRIPT_VERSIONS)("the tsserver plugin reads the same configuration ($label)", ({ tsserver }) => {
  it("applies eloquent.config.json and the plugin entry's rules, and honours eloquent-disable-next-line", async () => {
    const fromFile = oneConfigProject({ config: { rules: { "cross-store-relation": "error" } }, withPost: "suppressed" });
    const fromEntry = oneConfigProject({ pluginEntry: { rules: { "cross-store-relation": "off" } }, withPost: "broken" });
    projects.push(fromFile, fromEntry);
    const server = new TsServer({ tsserver });
    try {
      const file = (project: TempProject, name: string): string => path.join(project.root, "src", name);
      for (const project of [fromFile, fromEntry]) for (const name of ["user.ts", "photo.ts", "post.ts"]) server.open(file(project, name));
      const ours = async (project: TempProject, name: string) =>
        (await server.semanticDiagnostics(file(project, name)))
          .filter((d: { source?: string }) => d.source === "eloquent")
          .map((d: { code: number; category: string }) => [d.code, d.category]);
      expect(await ours(fromFile, "user.ts")).toEqual([[603, "error"]]);
      expect(await ours(fromFile, "photo.ts")).toEqual([]); // suppressed by its comment
      expect(await ours(fromFile, "post.ts")).toEqual([]); // suppressed by its comment
      expect(await ours(fromEntry, "user.ts")).toEqual([]); // "off" in the plugin entry
      expect(await ours(fromEntry, "post.ts")).toEqual([[102, "error"]]);
    } finally {
      await server.close();
    }
  });
});

describe("ESLint maps the configuration onto its own rule severities", () => {
  it("configs.recommended: failing settings → error, other warnings → warn, off → off", () => {
    const project = oneConfigProject({ config: { rules: { "cross-store-relation": "off", "inverse-consistency": "error" } } });
    projects.push(project);
    const script = `const p = require(${JSON.stringify(path.join(REPO_ROOT, "eslint-plugin"))}); const r = p.configs.recommended.rules;
      console.log(JSON.stringify([r["eloquent/cross-store-relation"], r["eloquent/inverse-consistency"], r["eloquent/relation-target-exists"], r["eloquent/cannot-verify"]]));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: project.root, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(["off", "error", "error", "warn"]);
  });
});
