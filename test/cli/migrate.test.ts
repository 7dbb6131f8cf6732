/**
 * The built `eloquent` binary's migration commands on a real SQLite file, with models written in
 * TypeScript (loaded through tsx) and as an ES module with top-level await; and `check --db`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO_ROOT = join(__dirname, "../..");
const BIN = join(REPO_ROOT, "cli/dist/bin.js");
const FIXTURES = join(__dirname, "fixtures/migrate");
// Inside the repository so generated migration files resolve eloquent-orm as in a user's project.
const WORK = join(REPO_ROOT, ".eloquent-cache", `cli-migrate-${process.pid}`);

function eloquent(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: WORK,
    encoding: "utf8",
    env: { ...process.env, DB_CONNECTION: "sqlite", DB_DATABASE: join(WORK, "app.db"), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("eloquent migrate:*", () => {
  beforeAll(() => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
  });
  afterAll(() => rmSync(WORK, { recursive: true, force: true }));

  it("make → latest → a model change → make → latest → status → rollback", () => {
    const first = eloquent(["migrate:make", "create_library", join(FIXTURES, "models-v1.ts")]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Wrote .*_create_library\.js \(2 operations\)/);
    expect(eloquent(["migrate:latest"]).stdout).toMatch(/Ran 1 migration\(s\):\n {2}\d+_create_library\.js/);
    expect(eloquent(["migrate:make", "again", join(FIXTURES, "models-v1.ts")]).stdout).toBe(
      "The database already matches the models: no migration written.\n",
    );

    // Migration files are named by the second: wait for the next one so the two sort in order.
    const stamp = Date.now();
    while (Math.floor(Date.now() / 1000) === Math.floor(stamp / 1000)) void 0;
    const second = eloquent(["migrate:make", "add_bio_to_authors", join(FIXTURES, "models-v2.mjs"), "--dry-run"]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/alter table `authors` add column `bio` text/);
    expect(eloquent(["migrate:make", "add_bio_to_authors", join(FIXTURES, "models-v2.mjs")]).status).toBe(0);
    expect(readdirSync(join(WORK, "migrations"))).toHaveLength(2);

    const status = eloquent(["migrate:status"]);
    expect(status.stdout).toMatch(/ran {6}\d+_create_library\.js\n {2}pending {2}\d+_add_bio_to_authors\.js\n1 ran, 1 pending\./);
    expect(eloquent(["migrate:latest"]).stdout).toMatch(/add_bio_to_authors/);
    expect(eloquent(["migrate:status"]).stdout).toMatch(/2 ran, 0 pending\./);
    expect(eloquent(["migrate:rollback"]).stdout).toMatch(/Rolled back 1 migration\(s\):\n {2}\d+_add_bio_to_authors\.js/);
    expect(eloquent(["migrate:status"]).stdout).toMatch(/1 ran, 1 pending\./);
  });

  it("migrate creates the indexes Mongo models' relation keys need", () => {
    const models = join(FIXTURES, "mongo-models.cjs");
    const dry = eloquent(["migrate", models, "--dry-run"], { MONGODB_URL: "memory:" });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe("-- mongo books: index author_id_1\n");
    const run = eloquent(["migrate", models], { MONGODB_URL: "memory:" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("mongo books: index author_id_1\n");
  });

  it("an unknown connection and usage mistakes exit non-zero with a message", () => {
    const typo = eloquent(["migrate:latest", "--connection", "mian"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/No SQL connection named 'mian'/);
    const noName = eloquent(["migrate:make"]);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toMatch(/name the migration and the module\(s\)/);
    const unknown = eloquent(["migrate:status", "--force"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--force' for 'eloquent migrate:status'/);
    expect(eloquent(["migrate:rollback", "--help"]).stdout).toMatch(/eloquent migrate:rollback/);
  });
});

describe("eloquent check --db", () => {
  const project = join(WORK, "project");
  beforeAll(() => {
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true }, include: ["*.ts"] }));
  });

  const models = (reviewKey: string) => `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
export class Author extends SqlModel {
  static tableName = "authors";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 120),
    reviews: relation("hasMany", "Review", { foreignKey: "${reviewKey}" }),
  };
}
export class Review extends SqlModel {
  static tableName = "reviews";
  static schema = { id: column("increments", undefined, { primary: true }), ${reviewKey}: column("int") };
}
`;

  it("reports a foreign-key column the live database lacks at the relation's span, and is clean on a matching database", () => {
    const db = join(WORK, "check.db");
    writeFileSync(join(project, "models.ts"), models("author_id"));
    const env = { DB_DATABASE: db };
    expect(eloquent(["migrate", join(project, "models.ts")], env).status).toBe(0);
    const clean = eloquent(["check", "--db", "sqlite", "--format", "json", project], env);
    expect(clean.status, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).diagnostics.filter((d: { severity: string }) => d.severity !== "info")).toEqual([]);

    // The model now says writer_id; the database still has author_id.
    writeFileSync(join(project, "models.ts"), models("writer_id"));
    const drift = eloquent(["check", "--db", "sqlite", "--format", "json", project], env);
    expect(drift.status).toBe(1);
    const found = JSON.parse(drift.stdout).diagnostics as Array<{ ruleId: string; code: string; line: number; message: string }>;
    const missing = found.find((d) => d.ruleId === "database-key-column");
    expect(missing).toMatchObject({ code: "ELQ862", line: 8 });
    expect(missing!.message).toMatch(
      /Author\.reviews \(hasMany 'Review'\) uses foreignKey 'writer_id', but table 'reviews' in connection 'sqlite' \(SQLite\) has no column 'writer_id'\./,
    );
  });

  it("names an unknown connection", () => {
    const r = eloquent(["check", "--db", "nope", project]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/No SQL connection named 'nope'/);
  });
});
