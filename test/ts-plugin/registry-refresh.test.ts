/**
 * The tsserver plugin keeps the generated `Models` registry (`eloquent types`) current: a real tsserver
 * (TypeScript 5.9) with eloquent-ts-plugin, a project whose registry lists its models; renaming a model
 * in the editor (no save, no CLI run) rewrites the file on disk once the editor is idle, and the rewritten
 * file is what `eloquent types` writes for the new models. A project without a registry gets none.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderModelRegistry } from "eloquent-analyzer";
import { makeTempRoot, TSCONFIG as CORPUS_TSCONFIG } from "../eslint/corpus-projects";
import { locate, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

// The corpus projects' compiler options, with the plugin on (as the editor-feature tests load it).
const TSCONFIG = { ...CORPUS_TSCONFIG, compilerOptions: { ...CORPUS_TSCONFIG.compilerOptions, plugins: [{ name: "eloquent-ts-plugin" }] } };

const USER = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string"),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
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
    author: relation("belongsTo", "User", { foreignKey: "user_id" }),
  };
}
`;

const root = makeTempRoot("eloquent-registry-refresh-");
const servers: TsServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

function project(name: string, withRegistry: boolean): { dir: string; user: string; registry: string } {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const user = join(dir, "user.ts");
  writeFileSync(user, USER);
  writeFileSync(join(dir, "post.ts"), POST);
  const registry = join(dir, "eloquent-models.d.ts");
  if (withRegistry) {
    const entries = [
      { name: "User", className: "User", file: user, exported: true },
      { name: "Post", className: "Post", file: join(dir, "post.ts"), exported: true },
    ];
    writeFileSync(registry, renderModelRegistry(entries, dir));
  }
  return { dir, user, registry };
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** Renames class User to Member in the editor's buffer (not on disk) and asks for diagnostics. */
async function renameUserInEditor(server: TsServer, user: string): Promise<void> {
  const at = locate(USER, "class User", "class ".length);
  server.change(user, at.line, at.offset, at.line, at.offset + "User".length, "Member");
  await server.semanticDiagnostics(user);
}

describe(`the plugin keeps the generated model registry current (${TYPESCRIPT_VERSIONS[0].label})`, () => {
  it("rewrites the registry when a model is renamed in the editor, as `eloquent types` would write it", async () => {
    const { dir, user, registry } = project("with-registry", true);
    const before = readFileSync(registry, "utf8");
    expect(before).toContain(`"User": typeof User;`);
    const server = new TsServer({ tsserver: TYPESCRIPT_VERSIONS[0].tsserver });
    servers.push(server);
    server.open(user);
    await server.semanticDiagnostics(user);
    // The registry matched the models: opening the project rewrites nothing.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readFileSync(registry, "utf8")).toBe(before);

    await renameUserInEditor(server, user);
    expect(await waitFor(() => readFileSync(registry, "utf8").includes(`"Member": typeof Member;`), 10_000)).toBe(true);
    const expected = renderModelRegistry(
      [
        { name: "Member", className: "Member", file: user, exported: true },
        { name: "Post", className: "Post", file: join(dir, "post.ts"), exported: true },
      ],
      dir,
    );
    expect(readFileSync(registry, "utf8")).toBe(expected);
    expect(readFileSync(registry, "utf8")).not.toContain(`typeof User;`);
  });

  it("writes no registry into a project that has none", async () => {
    const { dir, user } = project("without-registry", false);
    const server = new TsServer({ tsserver: TYPESCRIPT_VERSIONS[0].tsserver });
    servers.push(server);
    server.open(user);
    await server.semanticDiagnostics(user);
    await renameUserInEditor(server, user);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(readdirSync(dir).sort()).toEqual(["post.ts", "tsconfig.json", "user.ts"]);
    expect(existsSync(join(dir, "eloquent-models.d.ts"))).toBe(false);
  });
});
