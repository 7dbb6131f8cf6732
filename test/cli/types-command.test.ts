/**
 * `eloquent types` as users run it (the built bin on a project on disk): the declaration file it writes
 * maps model names to classes, and with it a real `tsc` types what string relation targets load.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, writeProject } from "../eslint/corpus-projects";
import { CLI, run } from "../eslint/run";

const USER = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
  };
}
`;
const POST = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Article extends SqlModel {
  static modelName = "Post";
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 255),
    user_id: column("int"),
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
  };
}

class Draft extends SqlModel {
  static schema = { id: column("increments", undefined, { primary: true }) };
}
void Draft;
`;
const USAGE = `import { User } from "./models/user";

export async function usage(): Promise<string> {
  const user = await User.with("posts.author").firstOrFail();
  const title: string = user.posts[0]!.title;
  const author: string | undefined = user.posts[0]!.author?.name;
  // @ts-expect-error -- postz is no relation of User
  User.with("postz");
  // @ts-expect-error -- titel is no column of Post (the target is typed through the registry)
  User.with({ posts: (q) => q.where("titel", "x") });
  return title + author;
}
`;

const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
let project: { root: string; cleanup(): void };

beforeAll(() => {
  project = writeProject({ "src/models/user.ts": USER, "src/models/post.ts": POST, "src/usage.ts": USAGE }, "eloquent-types-");
  // A user's tsconfig (the corpus one has no lib files)
  const compilerOptions = {
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ["ES2023"],
    types: ["node"],
  };
  writeFileSync(join(project.root, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src/**/*.ts"] }));
});
afterAll(() => project.cleanup());

describe("eloquent types", () => {
  it("writes the registry: model names (modelName too) → exported classes, unexported ones named as left out", () => {
    const result = run(CLI, ["types", "src", "--output", "src/eloquent-models.d.ts"], project.root);
    expect(result.stderr).toMatch(/wrote 2 models to src[/\\]eloquent-models\.d\.ts/);
    expect(result.status).toBe(0);
    const text = readFileSync(join(project.root, "src", "eloquent-models.d.ts"), "utf8");
    expect(text).toContain(`import type { Article } from "./models/post.js";`);
    expect(text).toContain(`import type { User } from "./models/user.js";`);
    expect(text).toContain(`"Post": typeof Article;`);
    expect(text).toContain(`"User": typeof User;`);
    expect(text).toMatch(/Draft \(\.\/models\/post\.js\): not exported — export the class/);
  });

  it("with the file, tsc types relation results and checks nested paths and the target's columns", () => {
    const result = run(TSC, ["-p", "tsconfig.json", "--noEmit", "--pretty", "false"], project.root);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("without the file the targets are untyped: the check of the Post column inside the constraint is gone", () => {
    const moved = run("mv", ["src/eloquent-models.d.ts", "eloquent-models.d.ts.off"], project.root);
    expect(moved.status).toBe(0);
    try {
      const result = run(TSC, ["-p", "tsconfig.json", "--noEmit", "--pretty", "false"], project.root);
      expect(result.status).not.toBe(0);
      // the @ts-expect-error over q.where("titel") is unused: q is no longer Post's query
      expect(result.stdout).toMatch(/usage\.ts\(9,\d+\): error TS2578/);
    } finally {
      run("mv", ["eloquent-models.d.ts.off", "src/eloquent-models.d.ts"], project.root);
    }
  });
});
