import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "../../analyzer/src/typescript";
import { extractModelGraphFromFiles, ModelGraphBuilder } from "../../analyzer/src/extract";
import { checkGraph, type ModelNode, type RelationNode } from "eloquent-engine";

useTypeScript(ts);

/** Builds an in-memory project and extracts it the way the CLI/ESLint path does. */
function extract(files: Record<string, string>) {
  return extractModelGraphFromFiles(Object.keys(files), { readFile: (name) => files[name] });
}

function model(graph: { models: ModelNode[] }, name: string): ModelNode {
  const found = graph.models.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`model ${name} not extracted; got ${graph.models.map((m) => m.name).join(", ")}`);
  return found;
}

function relation(node: ModelNode, name: string): RelationNode {
  const found = node.relations.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`relation ${name} missing`);
  return found;
}

const SEED_SQL = `
import { column, relation } from "@alpha.consultings/eloquent-orm.js";
import { SqlModel } from "@alpha.consultings/eloquent-orm.js/Model";
type UserAttrs = { id?: number; name?: string };
export class User extends SqlModel<UserAttrs> {
  static tableName = "users";
  static connectionName = process.env.DB_CONNECTION ?? "sqlite";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    posts: relation("hasMany", "Post", { foreignKey: "user_id" }),
  };
  constructor() {
    super("users", process.env.DB_CONNECTION ?? "sqlite");
  }
}
`;

describe("extractor", () => {
  it("reads the seed's SQL model: statics, env fallback, columns, relations and exact spans", () => {
    const text = SEED_SQL;
    const { graph } = extract({ "/p/user.ts": text });
    const user = model(graph, "User");
    expect(user.store).toBe("sql");
    expect(user.table).toBe("users");
    expect(user.connection).toBe("sqlite");
    expect(user.openSchema).toBeUndefined();
    expect(user.columns.map((c) => [c.name, c.type, c.length])).toEqual([
      ["id", "increments", undefined],
      ["name", "string", 255],
    ]);
    expect(user.columns[0]!.options).toEqual({ primary: true });
    const posts = relation(user, "posts");
    expect(posts).toMatchObject({ kind: "hasMany", target: "Post", options: { foreignKey: "user_id" } });
    const slice = (span: { start: number; end: number } | undefined) => text.slice(span!.start, span!.end);
    expect(slice(posts.loc?.target)).toBe('"Post"');
    expect(slice(posts.loc?.kind)).toBe('"hasMany"');
    expect(slice(posts.loc?.optionKeys?.foreignKey)).toBe("foreignKey");
    expect(slice(posts.loc?.optionValues?.foreignKey)).toBe('"user_id"');
    expect(slice(posts.loc?.entry)).toBe('posts: relation("hasMany", "Post", { foreignKey: "user_id" })');
    expect(slice(user.loc?.name)).toBe("User");
    expect(slice(user.loc?.schemaInsertAt)).toBe('posts: relation("hasMany", "Post", { foreignKey: "user_id" })');
  });

  it("takes table and connection from super(...) when no statics are declared", () => {
    const { graph } = extract({
      "/p/a.ts": `import { MongoModel } from "eloquent-orm/Model";
        export class Photo extends MongoModel { static schema = {}; constructor() { super("pics", "mongo"); } }`,
    });
    expect(model(graph, "Photo")).toMatchObject({ store: "mongo", table: "pics", connection: "mongo" });
  });

  it("follows aliases, namespaces, re-exports and user base classes across files, inheriting statics", () => {
    const { graph } = extract({
      "/p/app.ts": `
        import { Base, Doc } from "./models";
        import * as orm from "eloquent-orm";
        export class User extends Base { static schema = { id: column("increments") }; }
        export class Note extends Doc { static schema = {}; }
        export class Direct extends orm.MongoModel { static schema = {}; }
        export class NotAModel extends Error {}
      `,
      "/p/models/index.ts": `export * from "./base"; export { MyDoc as Doc } from "./doc.js";`,
      "/p/models/base.ts": `import { SqlModel as S } from "eloquent-orm";
        export abstract class Base extends S { static connectionName = "pg"; }`,
      "/p/models/doc.ts": `import { MongoModel } from "@alpha.consultings/eloquent-orm.js/Model";
        class MyDoc extends MongoModel {} export { MyDoc };`,
    });
    expect(graph.models.map((m) => m.name).sort()).toEqual(["Direct", "Note", "User"]);
    expect(model(graph, "User")).toMatchObject({ store: "sql", connection: "pg" });
    expect(model(graph, "Note").store).toBe("mongo");
    expect(model(graph, "Direct").store).toBe("mongo");
  });

  it("marks what it cannot evaluate: non-literal values become unverifiable, spreads open the schema", () => {
    const { graph } = extract({
      "/p/a.ts": `import { SqlModel, column, relation } from "eloquent-orm";
        const TARGET = "Post";
        const base = { id: column("increments") };
        export class User extends SqlModel {
          static tableName = process.env.TABLE;
          static schema = {
            ...base,
            [dynamicKey()]: column("string"),
            posts: relation("hasMany", TARGET, { foreignKey: pick() }),
            other: relation("hasMany", getTarget()),
            spread: relation("belongsTo", "Post", { ...opts }),
          };
        }`,
    });
    const user = model(graph, "User");
    expect(user.openSchema).toBe(true);
    expect(user.openSchemaReason).toBe("...base");
    expect(user.table).toEqual({ unverifiable: true, text: "process.env.TABLE" });
    expect(relation(user, "posts").target).toBe("Post");
    expect(relation(user, "posts").options).toEqual({ foreignKey: { unverifiable: true, text: "pick()" } });
    expect(relation(user, "other").target).toEqual({ unverifiable: true, text: "getTarget()" });
    expect(relation(user, "spread").options).toEqual({ unverifiable: true, text: "{ ...opts }" });
  });

  it("reads defaultWith / defaultWithCount / touches as no schema input, and inverse as a relation option", () => {
    const { graph } = extract({
      "/m.ts": `
import { column, relation, SqlModel } from "eloquent-orm";
export class Author extends SqlModel {
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasMany", "Post", { inverse: true }),
  };
}
export class Post extends SqlModel {
  static defaultWith = ["author", "author.posts"];
  static defaultWithCount = ["author"];
  static touches = ["author"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    author_id: column("int"),
    author: relation("belongsTo", "Author"),
  };
}
`,
    });
    expect(model(graph, "Post").invalidEntries).toBeUndefined();
    expect(relation(model(graph, "Author"), "posts").options).toEqual({ inverse: true });
    expect(checkGraph(graph).map((d) => d.message)).toEqual([]);
  });

  it("keeps bad input verbatim for the engine to report", () => {
    const { graph } = extract({
      "/p/a.ts": `import { SqlModel, relation } from "eloquent-orm";
        export class A extends SqlModel { static schema = { x: relation(42, "B", "nope"), y: relation("hasOne") }; }`,
    });
    const a = model(graph, "A");
    expect(relation(a, "x")).toMatchObject({ kind: 42, target: "B", options: "nope" });
    expect(relation(a, "y")).toMatchObject({ kind: "hasOne", target: undefined, options: undefined });
  });

  it("re-extracts only files whose version changed", () => {
    const files: Record<string, string> = {
      "/p/a.ts": `import { SqlModel } from "eloquent-orm"; export class A extends SqlModel { static schema = {}; }`,
      "/p/b.ts": `import { SqlModel } from "eloquent-orm"; export class B extends SqlModel { static schema = {}; }`,
    };
    const versions: Record<string, string> = { "/p/a.ts": "1", "/p/b.ts": "1" };
    const host = ts.createCompilerHost({ noLib: true });
    host.getSourceFile = (name, target) => (files[name] === undefined ? undefined : ts.createSourceFile(name, files[name]!, target, true));
    host.fileExists = (name) => files[name] !== undefined;
    const builder = new ModelGraphBuilder();
    const program1 = ts.createProgram(Object.keys(files), { noLib: true, types: [] }, host);
    const first = builder.update(program1, { versionOf: (f) => versions[f] });
    const again = builder.update(program1, { versionOf: (f) => versions[f] });
    expect(again).toBe(first);
    files["/p/b.ts"] = files["/p/b.ts"]!.replace("class B", "class C");
    versions["/p/b.ts"] = "2";
    const program2 = ts.createProgram(Object.keys(files), { noLib: true, types: [] }, host, program1);
    const second = builder.update(program2, { versionOf: (f) => versions[f] });
    expect(second.generation).toBe(first.generation + 1);
    expect(second.files.get("/p/a.ts")).toBe(first.files.get("/p/a.ts"));
    expect(second.graph.models.map((m) => m.name).sort()).toEqual(["A", "C"]);
  });
});
