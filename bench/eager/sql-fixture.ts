/**
 * Shared by the SQL workloads: one SQLite file per workload (a blog: 10k users, 100k posts,
 * 1k tags with 5 per post on the first 10k posts, 100k comments on the first 10k posts, 10k videos,
 * 20k polymorphic notes), the eloquent models over it, and the three runners (eloquent, raw knex
 * with the same queries and Map stitching, raw better-sqlite3 prepared statements).
 */
import Database from "better-sqlite3";
import knexFactory, { type Knex } from "knex";
import { join } from "node:path";
import { queryCounter, type Runner } from "./harness";

export interface SqlContext {
  file: string;
}

export const SIZES = {
  users: 10_000,
  postsPerUser: 10,
  tags: 1_000,
  tagsPerPost: 5,
  taggedPosts: 10_000,
  commentsPerPost: 10,
  commentedPosts: 10_000,
  videos: 10_000,
};

/**
 * `analyze`: gather planner statistics afterwards (ANALYZE), as a long-lived database that runs
 * `PRAGMA optimize` has them; SQLite's join order for belongsToMany depends on them.
 */
export function seedBlog(dir: string, options: { analyze?: boolean } = {}): SqlContext {
  const file = join(dir, "bench.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`
    create table users (id integer primary key autoincrement, name varchar(255));
    create table posts (id integer primary key autoincrement, user_id integer, title varchar(255));
    create index posts_user_id on posts(user_id);
    create table tags (id integer primary key autoincrement, name varchar(255));
    create table post_tags (post_id integer not null, tag_id integer not null, primary key (post_id, tag_id));
    create index post_tags_tag on post_tags(tag_id);
    create table comments (id integer primary key autoincrement, post_id integer, body varchar(255));
    create index comments_post_id on comments(post_id);
    create table videos (id integer primary key autoincrement, title varchar(255));
    create table notes (id integer primary key autoincrement, notable_type varchar(50), notable_id integer, body varchar(255));
    create index notes_notable on notes(notable_type, notable_id);
  `);
  const s = SIZES;
  db.transaction(() => {
    const u = db.prepare("insert into users (name) values (?)");
    for (let i = 1; i <= s.users; i++) u.run(`user ${i}`);
    const p = db.prepare("insert into posts (user_id, title) values (?, ?)");
    for (let i = 1; i <= s.users * s.postsPerUser; i++) p.run(Math.floor((i - 1) / s.postsPerUser) + 1, `post ${i}`);
    const t = db.prepare("insert into tags (name) values (?)");
    for (let i = 1; i <= s.tags; i++) t.run(`tag ${i}`);
    const pt = db.prepare("insert into post_tags (post_id, tag_id) values (?, ?)");
    for (let i = 1; i <= s.taggedPosts; i++) for (let j = 0; j < s.tagsPerPost; j++) pt.run(i, ((i * 7 + j * 131) % s.tags) + 1);
    const c = db.prepare("insert into comments (post_id, body) values (?, ?)");
    for (let i = 1; i <= s.commentedPosts; i++) for (let j = 0; j < s.commentsPerPost; j++) c.run(i, `comment ${i}.${j}`);
    const v = db.prepare("insert into videos (title) values (?)");
    for (let i = 1; i <= s.videos; i++) v.run(`video ${i}`);
    const n = db.prepare("insert into notes (notable_type, notable_id, body) values (?, ?, ?)");
    for (let i = 1; i <= s.videos; i++) {
      n.run("post", i, `note on post ${i}`);
      n.run("video", i, `note on video ${i}`);
    }
  })();
  if (options.analyze) db.exec("analyze");
  db.close();
  return { file };
}

// ---- eloquent ----------------------------------------------------------------------------------

export async function eloquentRunner(
  context: SqlContext,
  run: (models: typeof import("./sql-models.js")) => Promise<unknown>,
  canonical: (result: any) => unknown,
): Promise<Runner> {
  const orm = await import("eloquent-orm");
  orm.configureConnection("bench", { client: "sqlite", filename: context.file });
  const models = await import("./sql-models.js");
  orm.registerModels(models.ALL, { logger: false });
  const queries = queryCounter();
  orm.onQuery(() => queries.tick());
  return {
    run: () => run(models),
    canonical,
    takeQueryCount: queries.take,
    close: () => orm.closeAllConnections(),
  };
}

// ---- raw knex: the same queries, Map stitching ------------------------------------------------

export function knexRunner(context: SqlContext, run: (knex: Knex) => Promise<unknown>, canonical: (result: any) => unknown): Runner {
  const knex = knexFactory({
    client: "better-sqlite3",
    connection: { filename: context.file },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  const queries = queryCounter();
  knex.on("query", () => queries.tick());
  return {
    run: () => run(knex),
    canonical,
    takeQueryCount: queries.take,
    close: () => knex.destroy(),
  };
}

/** `whereIn` in chunks below SQLite's parameter limit (what any careful hand-written loader does). */
export async function knexIn(
  knex: Knex,
  table: string,
  column: string,
  keys: unknown[],
  build?: (qb: Knex.QueryBuilder) => Knex.QueryBuilder,
) {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 30_000) {
    let qb = knex(table)
      .select(`${table}.*`)
      .whereIn(`${table}.${column}`, keys.slice(i, i + 30_000) as Knex.Value[]);
    if (build) qb = build(qb);
    for (const r of (await qb) as Record<string, unknown>[]) out.push(r);
  }
  return out;
}

// ---- raw better-sqlite3 prepared statements ---------------------------------------------------

export interface RawDb {
  db: Database.Database;
  /** Runs `select ... where <col> in (?, ...)` over `keys` in chunks with cached prepared statements. */
  selectIn(sqlBeforeIn: string, keys: unknown[], sqlAfterIn?: string): Record<string, unknown>[];
  all(sql: string, ...params: unknown[]): Record<string, unknown>[];
}

export function rawRunner(context: SqlContext, run: (raw: RawDb) => unknown, canonical: (result: any) => unknown): Runner {
  const db = new Database(context.file, { readonly: true });
  const queries = queryCounter();
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.prepare(sql)));
    return st;
  };
  const raw: RawDb = {
    db,
    selectIn(before, keys, after = "") {
      const out: Record<string, unknown>[] = [];
      for (let i = 0; i < keys.length; i += 30_000) {
        const part = keys.slice(i, i + 30_000);
        queries.tick();
        for (const r of prep(`${before} (${part.map(() => "?").join(",")})${after}`).all(...part) as Record<string, unknown>[]) out.push(r);
      }
      return out;
    },
    all(sql, ...params) {
      queries.tick();
      return prep(sql).all(...params) as Record<string, unknown>[];
    },
  };
  return {
    run: () => run(raw),
    canonical,
    takeQueryCount: queries.take,
    close: () => {
      db.close();
    },
  };
}

/** Distinct non-null values of `key` (the IN list every implementation builds). */
export function distinct(rows: ReadonlyArray<Record<string, unknown>>, key: string): unknown[] {
  const set = new Set<unknown>();
  for (const r of rows) if (r[key] != null) set.add(r[key]);
  return [...set];
}

export function groupBy(rows: ReadonlyArray<Record<string, unknown>>, key: string): Map<unknown, Record<string, unknown>[]> {
  const m = new Map<unknown, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = r[key];
    const b = m.get(k);
    if (b) b.push(r);
    else m.set(k, [r]);
  }
  return m;
}
