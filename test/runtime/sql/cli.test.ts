/** The built `eloquent` binary: migrate --dry-run prints SQL, migrate creates tables. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../../..");
const bin = join(root, "cli/dist/bin.js");
const models = join(__dirname, "fixtures/cli-models.cjs");

describe("eloquent CLI", () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(bin)) execFileSync("npx", ["tsc", "-b", "cli"], { cwd: root });
    dir = mkdtempSync(join(tmpdir(), "eloquent-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, DB_CONNECTION: "sqlite", ...env } });

  it("migrate --dry-run prints the SQL and creates nothing", () => {
    const file = join(dir, "dry.db");
    const r = run(["migrate", models, "--dry-run"], { DB_DATABASE: file });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/create table `authors`/);
    expect(r.stdout).toMatch(/constraint `books_author_fk` foreign key\(`author_id`\) references `authors`\(`id`\)/);
    expect(r.stdout).toMatch(/books_author_title_unique/);
    expect(r.stdout).toMatch(/create table `book_genres`/);
    expect(r.stdout.indexOf("create table `authors`")).toBeLessThan(r.stdout.indexOf("create table `books`"));
    const db = new Database(file);
    expect(db.prepare("select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'").get()).toEqual({ n: 0 });
    db.close();
  });

  it("migrate creates the tables, then skips them", () => {
    const file = join(dir, "real.db");
    const first = run(["migrate", models], { DB_DATABASE: file });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("created authors, books, genres, book_genres");
    const db = new Database(file);
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(["authors", "book_genres", "books", "genres"]);
    db.close();
    const second = run(["migrate", models], { DB_DATABASE: file });
    expect(second.stdout).toContain("created nothing; already present: authors, books, genres, book_genres");
  });

  it("is the same binary as check and graph", () => {
    const r = run(["check", "--help"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/eloquent check \[paths\.\.\.\]/);
  });

  it("usage errors are explained", () => {
    const none = run(["migrate"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/name the module\(s\) that export your models/);
    const unknown = run(["migrat"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command 'migrat'. Expected 'check', 'graph', 'types', 'migrate'/);
  });
});
