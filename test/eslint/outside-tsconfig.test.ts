/**
 * Files no tsconfig includes (tests, scripts), linted untyped: each is its own project (the file and
 * what it imports relatively). One lint run shares the per-file state between those projects, so every
 * file is extracted once per content however many linted files import it, and a file whose closure never
 * imports the eloquent runtime (or the seed package) is not extracted at all — same reports as before.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeProject } from "./corpus-projects";
import { COMMENT_TS, FLAT_CONFIG, POST_TS, USER_TS } from "./project-fixture";
import { ESLINT10, parseEslintJson, run, type RunResult } from "./run";

const TESTS = 6;
const SCRIPTS = 6;

const files: Record<string, string> = {
  "src/models/user.ts": USER_TS,
  "src/models/post.ts": POST_TS,
  "src/models/comment.ts": COMMENT_TS,
  "src/models/index.ts": `export * from "./user";\nexport * from "./post";\nexport { Comment } from "./comment";\n`,
  "scripts/helper.ts": `export function helper(value: string): string {\n  return value.trim();\n}\n`,
};
for (let i = 0; i < TESTS; i++) {
  // Every test imports the models through the index; the odd ones follow a relation path that does not exist.
  files[`tests/t${i}.test.ts`] = [
    `import { Post, User } from "../src/models/index";`,
    ``,
    `export async function load${i}() {`,
    `  await Post.with("${i % 2 === 1 ? "comentz" : "comments"}");`,
    `  return User.with("posts");`,
    `}`,
    ``,
  ].join("\n");
}
for (let i = 0; i < SCRIPTS; i++) {
  files[`scripts/s${i}.ts`] =
    `import { helper } from "./helper";\nimport { join } from "node:path";\n\nexport const s${i} = helper(join("a", "${i}"));\n`;
}

let project: { root: string; cleanup(): void };
let result: RunResult;

beforeAll(() => {
  project = writeProject(files, "eloquent-outside-tsconfig-");
  rmSync(join(project.root, "tsconfig.json"));
  writeFileSync(join(project.root, "eslint.config.mjs"), FLAT_CONFIG);
  result = run(ESLINT10, ["--format", "json", "."], project.root, { ELOQUENT_ESLINT_TRACE: "1" });
});
afterAll(() => project?.cleanup());

const traced = (prefix: string) =>
  result.stderr
    .split("\n")
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));

describe("ESLint on files outside any tsconfig", () => {
  it("reports what each file's own closure shows", () => {
    const reports = parseEslintJson(result)
      .flatMap((file) => file.messages.map((m) => `${relative(project.root, file.filePath)}:${m.line} ${m.ruleId}`))
      .sort();
    expect(reports).toEqual(EXPECTED);
  });

  it("extracts every file reached from the runtime once, and never a closure without it", () => {
    const extracted = traced("eloquent: extracted ").map((file) => relative(project.root, file));
    const counts = new Map<string, number>();
    for (const file of extracted) counts.set(file, (counts.get(file) ?? 0) + 1);
    // Each model file is in the closure of every test (six projects) and of itself: extracted once.
    for (const file of ["src/models/user.ts", "src/models/post.ts", "src/models/comment.ts", "src/models/index.ts"]) {
      expect(counts.get(file), file).toBe(1);
    }
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    // Scripts import nothing of eloquent: neither they nor their helper are parsed for models.
    expect(extracted.filter((file) => file.startsWith("scripts/"))).toEqual([]);
    const scriptGraphs = traced("eloquent: untyped graph ").filter((line) => line.includes(`${join(project.root, "scripts")}`));
    expect(scriptGraphs).toHaveLength(SCRIPTS + 1);
    expect(scriptGraphs.every((line) => line.startsWith("(0 models)"))).toBe(true);
  });
});

/**
 * A model linted alone imports no other model file, so its own closure holds only itself (relation targets
 * elsewhere are not found); a test reaches every model through the index.
 */
const EXPECTED = [
  "src/models/comment.ts:9 eloquent/relation-target-exists",
  "src/models/post.ts:10 eloquent/relation-target-exists",
  "src/models/post.ts:9 eloquent/relation-target-exists",
  "src/models/user.ts:8 eloquent/relation-target-exists",
  "tests/t1.test.ts:4 eloquent/relation-path",
  "tests/t3.test.ts:4 eloquent/relation-path",
  "tests/t5.test.ts:4 eloquent/relation-path",
];
