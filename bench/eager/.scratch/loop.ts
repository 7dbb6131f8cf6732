import { configureConnection, registerModels, closeAllConnections } from "eloquent-orm";
import knexFactory from "knex";
import * as M from "../sql-models";
configureConnection("bench", { client: "sqlite", filename: "/tmp/elq-sql-prof/db/bench.db" });
registerModels(M.ALL, { logger: false });
const which = process.argv[2];
async function main() {
  const knex = knexFactory({ client: "better-sqlite3", connection: { filename: "/tmp/elq-sql-prof/db/bench.db" }, useNullAsDefault: true });
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = performance.now();
    if (which === "eloquent") await M.Post.with("author").get();
    else if (which === "plain") await M.Post.query().get();
    else if (which === "rows") await knex("posts").select("posts.*");
    else {
      const posts = await knex("posts").select("posts.*");
      const ids = [...new Set(posts.map((p: any) => p.user_id))];
      const users = await knex("users").select("users.*").whereIn("users.id", ids);
      const m = new Map(users.map((u: any) => [u.id, u]));
      for (const p of posts) p.author = m.get(p.user_id) ?? null;
    }
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(which, times.slice(0, 6).map((t) => t.toFixed(0)).join(" "));
  await knex.destroy();
  await closeAllConnections();
}
main();
