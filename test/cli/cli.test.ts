/**
 * `eloquent check` / `eloquent graph` as users run them (the built bin, a real project on disk):
 * formats, exit codes, SARIF for GitHub code scanning, graph pictures, and errors for bad input.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "eloquent-engine";
import { REPO_ROOT, writeProject } from "../eslint/corpus-projects";
import { PROJECT_EXPECTED, PROJECT_FILES } from "../eslint/project-fixture";
import { CLI, run } from "../eslint/run";

const USER = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
    photos: relation("hasMany", "Photo"),
  };
}
`;
const POST = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    author: relation("belongsTo", "Usr", { foreignKey: "user_id" }),
  };
}
`;
const PHOTO = `import { column, relation } from "eloquent-orm";
import { MongoModel } from "eloquent-orm/Model";

export class Photo extends MongoModel {
  static tableName = "photos";
  static schema = {
    id: column("objectId", undefined, { primary: true }),
    user_id: column("int"),
    owner: relation("belongsTo", "User"),
  };
}
`;

let broken: { root: string; cleanup(): void };
let clean: { root: string; cleanup(): void };

beforeAll(() => {
  broken = writeProject({ "src/models/user.ts": USER, "src/models/post.ts": POST, "src/models/photo.ts": PHOTO }, "eloquent-cli-");
  clean = writeProject(
    { "src/user.ts": USER.replace('    photos: relation("hasMany", "Photo"),\n', ""), "src/post.ts": POST.replace('"Usr"', '"User"') },
    "eloquent-cli-clean-",
  );
});
afterAll(() => {
  broken?.cleanup();
  clean?.cleanup();
});

describe("eloquent check", () => {
  it("stylish: groups by file, names rule and code, shows hints, exits 1 on errors", () => {
    const result = run(CLI, ["check"], broken.root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("src/models/post.ts");
    expect(result.stdout).toMatch(
      /9:\d+\s+error\s+Post\.author \(belongsTo 'Usr'\): target 'Usr' is not a declared model\. Did you mean 'User'\?/,
    );
    expect(result.stdout).toContain("relation-target-exists (ELQ102)");
    expect(result.stdout).toContain("hint: Replace 'Usr' with 'User'.");
    expect(result.stdout).toMatch(/warning\s+User\.photos \(hasMany 'Photo'\) links SQL model User to Mongo model Photo/);
    expect(result.stdout).toMatch(/✖ \d+ problems \(1 error, \d+ warnings?, \d+ info\) — 3 models in 3 files checked/);
    expect(result.stdout).not.toContain("\u001b["); // not a TTY: no colour
  });

  it("exits 0 on a clean project", () => {
    const result = run(CLI, ["check"], clean.root);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("✔ No relation problems (2 models in 2 files checked)");
    expect(result.status).toBe(0);
  });

  it("--quiet reports errors only; warnings alone exit 0", () => {
    const quiet = run(CLI, ["check", "--quiet", "--format", "json"], broken.root);
    const report = JSON.parse(quiet.stdout) as { diagnostics: Array<{ severity: string }> };
    expect(report.diagnostics.map((d) => d.severity)).toEqual(["error"]);
    const warningsOnly = writeProject({
      "user.ts": USER.replace('"Post", { foreignKey: "user_id" }', '"Photo"').replace('    photos: relation("hasMany", "Photo"),\n', ""),
      "photo.ts": PHOTO,
    });
    try {
      const result = run(CLI, ["check", "--format", "json"], warningsOnly.root);
      const parsed = JSON.parse(result.stdout) as { summary: { errors: number; warnings: number } };
      expect(parsed.summary.errors).toBe(0);
      expect(parsed.summary.warnings).toBeGreaterThan(0);
      expect(result.status).toBe(0);
    } finally {
      warningsOnly.cleanup();
    }
  });

  it("json: one document with paths relative to the project, 1-based positions and suggestions", () => {
    const result = run(CLI, ["check", "--format", "json"], broken.root);
    const report = JSON.parse(result.stdout) as {
      version: number;
      summary: { errors: number; models: number; files: number };
      diagnostics: Array<Record<string, unknown>>;
    };
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({ errors: 1, models: 3, files: 3 });
    const target = report.diagnostics.find((d) => d.ruleId === "relation-target-exists")!;
    const postText = readFileSync(join(broken.root, "src/models/post.ts"), "utf8");
    const line = postText.split("\n")[(target.line as number) - 1]!;
    // The span is the target literal itself, quotes included.
    expect(line.slice((target.column as number) - 1, (target.endColumn as number) - 1)).toBe('"Usr"');
    expect(target).toMatchObject({
      file: "src/models/post.ts",
      code: "ELQ102",
      severity: "error",
      model: "Post",
      relation: "author",
      suggestions: [{ kind: "replace", replacement: "User" }],
    });
  });

  it("sarif: a SARIF 2.1.0 log GitHub code scanning accepts (rules with helpUri, results with regions)", () => {
    const result = run(CLI, ["check", "--format", "sarif"], broken.root);
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout) as {
      version: string;
      $schema: string;
      runs: Array<{
        tool: {
          driver: {
            name: string;
            rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
          };
        };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId?: string };
              region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            };
          }>;
          partialFingerprints: Record<string, string>;
        }>;
        originalUriBaseIds: Record<string, { uri: string }>;
      }>;
    };
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0]!;
    const rules = run0.tool.driver.rules;
    expect(run0.tool.driver.name).toBe("eloquent");
    // Every engine rule is described, with a documentation link and a level GitHub knows.
    for (const rule of RULES) {
      const descriptor = rules.find((d) => d.id === rule.id);
      expect(descriptor, rule.id).toBeDefined();
      expect(descriptor!.helpUri).toMatch(new RegExp(`/docs/rules\\.md#${rule.id}$`));
      expect(descriptor!.shortDescription.text.length).toBeGreaterThan(10);
      expect(["error", "warning", "note"]).toContain(descriptor!.defaultConfiguration.level);
    }
    expect(run0.results.length).toBeGreaterThan(0);
    for (const r of run0.results) {
      expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(["error", "warning", "note"]).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      const location = r.locations[0]!.physicalLocation;
      // URIs are relative (no scheme, no leading slash) so code scanning resolves them against the checkout.
      expect(location.artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/);
      expect(location.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      expect(location.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    const error = run0.results.find((r) => r.ruleId === "relation-target-exists")!;
    expect(error.level).toBe("error");
    expect(error.locations[0]!.physicalLocation.artifactLocation.uri).toBe("src/models/post.ts");
    expect(error.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 9, endLine: 9 });
    expect(run0.originalUriBaseIds["%SRCROOT%"]!.uri).toMatch(/^file:\/\/.*\/$/);
  });

  it("paths restrict the report to those files while the whole project still resolves targets", () => {
    const result = run(CLI, ["check", "src/models/post.ts", "--format", "json"], broken.root);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; ruleId: string }> };
    expect(new Set(report.diagnostics.map((d) => d.file))).toEqual(new Set(["src/models/post.ts"]));
    // User is declared in another file and still known: the message suggests it.
    expect(result.stdout).toContain("Did you mean 'User'?");
  });

  it("checks query sites too: the same diagnostics as ESLint on a cross-file project", () => {
    const project = writeProject(PROJECT_FILES, "eloquent-cli-fronts-");
    try {
      const result = run(CLI, ["check", "--format", "json"], project.root);
      const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; ruleId: string }> };
      expect(report.diagnostics.map((d) => [d.file, d.line, d.ruleId])).toEqual(PROJECT_EXPECTED.map((e) => [...e]));
    } finally {
      project.cleanup();
    }
  });

  it("a solution-style tsconfig (files: [], references) checks each referenced project", () => {
    const solution = writeProject({
      "packages/api/src/post.ts": POST,
      "packages/api/src/user.ts": USER.replace('    photos: relation("hasMany", "Photo"),\n', ""),
    });
    try {
      require("node:fs").writeFileSync(
        join(solution.root, "tsconfig.json"),
        JSON.stringify({ files: [], references: [{ path: "./packages/api" }] }),
      );
      require("node:fs").writeFileSync(
        join(solution.root, "packages/api/tsconfig.json"),
        JSON.stringify({ compilerOptions: { composite: true, strict: true, types: [] }, include: ["src"] }),
      );
      const result = run(CLI, ["check", "--format", "json"], solution.root);
      const report = JSON.parse(result.stdout) as { summary: { models: number }; diagnostics: Array<{ file: string; ruleId: string }> };
      expect(report.summary.models).toBe(2);
      expect(report.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(["packages/api/src/post.ts relation-target-exists"]);
      expect(result.status).toBe(1);
    } finally {
      solution.cleanup();
    }
  });

  it("--output writes the report to a file", () => {
    const result = run(CLI, ["check", "--format", "sarif", "--output", "out/eloquent.sarif"], broken.root);
    expect(result.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(broken.root, "out/eloquent.sarif"), "utf8")).version).toBe("2.1.0");
  });

  it("bad input gets a clear message and exit code 2", () => {
    const cases: Array<[string[], RegExp]> = [
      [["check", "--format", "xml"], /Unknown format 'xml' for 'eloquent check'\. Expected one of: stylish, json, sarif\./],
      [["check", "--frmat", "json"], /Unknown option '--frmat'/],
      [["check", "--project"], /Option --project needs a value/],
      [["check", "--project", "nope.json"], /--project nope\.json: no such file or directory/],
      [["check", "missing-dir"], /missing-dir: no such file or directory\./],
      [["lint"], /Unknown command 'lint'\. Expected 'check', 'graph', 'types', 'migrate'/],
      [["graph", "--format", "png"], /Expected one of: mermaid, dot, svg\./],
    ];
    for (const [args, message] of cases) {
      const result = run(CLI, args, broken.root);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const empty = writeProject({});
    try {
      const noConfig = run(CLI, ["check"], join(empty.root, "node_modules", ".."));
      expect(noConfig.status).toBe(0); // a tsconfig without sources is an empty, clean project
    } finally {
      empty.cleanup();
    }
  });

  it("a broken tsconfig is reported with TypeScript's own message", () => {
    const project = writeProject({ "a.ts": "export {};\n" });
    try {
      require("node:fs").writeFileSync(join(project.root, "tsconfig.json"), '{ "compilerOptions": { "target": "ES2022", } ');
      const result = run(CLI, ["check"], project.root);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/Cannot use .*tsconfig\.json: /);
    } finally {
      project.cleanup();
    }
  });
});

describe("progress", () => {
  it("shows a progress line on a terminal for a long run, and nothing when piped", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) {
      files[`m${i}.ts`] =
        `import { column } from "eloquent-orm";\nimport { SqlModel } from "eloquent-orm/Model";\nexport class M${i} extends SqlModel {\n  static schema = { id: column("increments", undefined, { primary: true }) };\n}\n`;
    }
    const big = writeProject(files, "eloquent-cli-progress-");
    try {
      const piped = run(CLI, ["check"], big.root, { ELOQUENT_PROGRESS_DELAY_MS: "0" });
      expect(piped.stderr).toBe("");
      expect(piped.stdout).toContain("300 models in 300 files checked");
      // `script` gives the CLI a pseudo-terminal, as a developer's shell would.
      const tty = require("node:child_process").spawnSync("script", ["-qec", `${process.execPath} ${CLI} check`, "/dev/null"], {
        cwd: big.root,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", ELOQUENT_PROGRESS_DELAY_MS: "0" },
      });
      if (tty.error) {
        console.warn("progress test: the `script` command (util-linux) is not installed; terminal progress not checked");
        return;
      }
      expect(tty.stdout).toContain("\r\u001b[2Keloquent: reading sources ");
      expect(tty.stdout).toMatch(/reading sources \d+\/300/);
      expect(tty.stdout).toContain("300 models in 300 files checked");
    } finally {
      big.cleanup();
    }
  });
});

describe("docs/graph.svg", () => {
  it("is the current picture of playground/models (regenerate: node cli/dist/bin.js graph playground/models --format svg -o docs/graph.svg)", () => {
    const fresh = run(CLI, ["graph", "playground/models", "--format", "svg"], REPO_ROOT);
    expect(fresh.status).toBe(0);
    // Only the models declared under the given path (the playground tsconfig also holds broken/).
    expect(fresh.stdout).toContain(">GeoLocation</text>");
    expect(fresh.stdout).not.toContain(">Shop</text>");
    expect(fresh.stdout).toContain("SQL · 5 models");
    expect(readFileSync(join(REPO_ROOT, "docs", "graph.svg"), "utf8")).toBe(fresh.stdout);
  });
});

describe("eloquent graph", () => {
  it("mermaid: models grouped by store, kinds on edges, cross-store dotted, errors red", () => {
    const result = run(CLI, ["graph"], broken.root);
    expect(result.status).toBe(0);
    const text = result.stdout;
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    expect(text).toMatch(/subgraph store_sql\["SQL"\][\s\S]*m_User\[[\s\S]*end/);
    expect(text).toMatch(/subgraph store_mongo\["MongoDB"\]\n\s+m_Photo\[/);
    expect(text).toContain('m_User -->|"posts: hasMany"| m_Post');
    expect(text).toContain('m_User -.->|"photos: hasMany"| m_Photo');
    expect(text).toContain('m_Post -->|"author: belongsTo"| missing_Usr');
    expect(text).toMatch(/missing_Usr\["Usr<br\/><i>not a model<\/i>"\]:::missing/);
    const edges = text.split("\n").filter((line) => /-->|-\.->/.test(line));
    const errorEdge = edges.findIndex((line) => line.includes("author: belongsTo"));
    expect(text).toContain(`linkStyle ${errorEdge} stroke:#d1242f`);
  });

  it("dot: clusters per store, dashed cross-store edges, tooltips with the diagnostics", () => {
    const text = run(CLI, ["graph", "--format", "dot"], broken.root).stdout;
    expect(text).toMatch(/^digraph eloquent \{/);
    expect(text).toMatch(/subgraph cluster_sql \{[\s\S]*m_Post \[label="Post\\nposts"/);
    expect(text).toMatch(/m_User -> m_Photo \[label="photos: hasMany"[^\]]*style="dashed"/);
    expect(text).toMatch(/m_Post -> missing_Usr \[[^\]]*color="#d1242f"[^\]]*tooltip="relation-target-exists: Post\.author/);
  });

  it("svg (built-in renderer): well-formed, self-contained, every model and relation drawn", () => {
    const result = run(CLI, ["graph", "--format", "svg"], broken.root);
    expect(result.status).toBe(0);
    const svg = result.stdout;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/href=|<image|@import/); // no external resources
    for (const name of ["User", "Post", "Photo", "Usr"]) expect(svg).toContain(`>${name}</text>`);
    for (const label of ["posts: hasMany", "photos: hasMany", "author: belongsTo", "owner: belongsTo"])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("SQL · 2 models");
    expect(svg).toContain("MongoDB · 1 model");
    expect(svg).toMatch(/class="edge error"><title>author: belongsTo\nrelation-target-exists/);
    // Balanced tags: every opened <g> closes.
    expect((svg.match(/<g[ >]/g) ?? []).length).toBe((svg.match(/<\/g>/g) ?? []).length);
    // Nodes inside the canvas.
    const [, width, height] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number) as [number, number, number];
    for (const match of svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" rx="7"/g)) {
      const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(width);
      expect(y + h).toBeLessThanOrEqual(height);
    }
  });

  it("svg through Graphviz when asked (skipped loudly when `dot` is not installed)", () => {
    const probe = require("node:child_process").spawnSync("dot", ["-V"]);
    if (probe.error) {
      console.warn("eloquent graph --renderer graphviz: Graphviz 'dot' is not installed here; checking the error message instead");
      const result = run(CLI, ["graph", "--format", "svg", "--renderer", "graphviz"], broken.root);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/needs Graphviz's 'dot' on PATH/);
      return;
    }
    const result = run(CLI, ["graph", "--format", "svg", "--renderer", "graphviz"], broken.root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/<svg[\s\S]*<title>eloquent<\/title>/);
  });
});

describe("eloquent graph: through and polymorphic many-to-many kinds", () => {
  it("draws hasManyThrough with its intermediate model and morphToMany / morphedByMany edges", () => {
    const fixture = readFileSync(join(REPO_ROOT, "test/fixtures/relations/through-and-morph-pivots.ts"), "utf8");
    const project = writeProject({ "src/models.ts": fixture }, "eloquent-cli-through-");
    try {
      const result = run(CLI, ["graph"], project.root);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('m_Country -->|"posts: hasManyThrough via Writer"| m_Story');
      expect(result.stdout).toContain('m_Country -->|"firstPost: hasOneThrough via Writer"| m_Story');
      expect(result.stdout).toContain('m_Story -->|"labels: morphToMany"| m_Label');
      expect(result.stdout).toContain('m_Label -->|"stories: morphedByMany"| m_Story');
    } finally {
      project.cleanup();
    }
  });
});
