/**
 * Playground step 4: the everyday model API (docs/model-api.md) on an in-memory SQLite database —
 * an idempotent upsert import, an aggregates report, a password that never reaches JSON, a slug
 * set by a saving listener, and a cursor over the whole table.
 */
import { column, configureConnection, migrate, onQuery, registerModels, SqlModel } from "eloquent-orm";

type ProductAttrs = { id?: number; sku?: string; name?: string; category?: string; price?: number; stock?: number; slug?: string | null };
class EverydayProduct extends SqlModel<ProductAttrs> {
  static connectionName = "everyday";
  static tableName = "everyday_products";
  static guarded = ["slug"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    sku: column("string", 20, { unique: true }),
    name: column("string", 100),
    category: column("string", 50),
    price: column("int"),
    stock: column("int", undefined, { default: 0 }),
    slug: column("string", 120, { nullable: true }),
  };
}

type AccountAttrs = { id?: number; email?: string; password?: string };
class EverydayAccount extends SqlModel<AccountAttrs> {
  static connectionName = "everyday";
  static tableName = "everyday_accounts";
  static hidden = ["password"];
  static fillable = ["email", "password"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    email: column("string", 100),
    password: column("string", 100),
  };
}

export async function runEverydayDemo(): Promise<void> {
  configureConnection("everyday", { client: "sqlite", filename: ":memory:" });
  registerModels([EverydayProduct, EverydayAccount], { logger: false });
  await migrate([EverydayProduct, EverydayAccount]);
  console.log("eloquent everyday API (SQLite in memory)");
  let queries = 0;
  const stop = onQuery(() => void queries++);

  EverydayProduct.on("saving", (p) => {
    p.slug = `${p.category}/${p.name}`.toLowerCase().replace(/[^a-z0-9/]+/g, "-");
  });

  // An import that can run twice: one INSERT … ON CONFLICT DO UPDATE per chunk.
  const feed = [
    { sku: "A-1", name: "Anvil", category: "tools", price: 120, stock: 3 },
    { sku: "B-2", name: "Bellows", category: "tools", price: 45, stock: 10 },
    { sku: "C-3", name: "Cape", category: "clothes", price: 60, stock: 0 },
  ];
  await EverydayProduct.upsert(feed, ["sku"]);
  await EverydayProduct.upsert(
    feed.map((r) => ({ ...r, price: r.price + 5 })),
    ["sku"],
    ["price"],
  );
  console.log(`  upsert import, twice: ${await EverydayProduct.count()} products`);

  // A report: aggregates per query and per group.
  const tools = EverydayProduct.query().where("category", "tools");
  console.log(
    `  tools: sum ${await tools.clone().sum("price")}, avg ${await tools.clone().avg("price")}, max ${await tools.clone().max("price")}`,
  );
  const byCategory = await EverydayProduct.query()
    .select("category")
    .selectRaw("count(*) as n, sum(price) as total")
    .groupBy("category")
    .orderBy("category")
    .get();
  for (const row of byCategory) console.log(`    ${row.category}: ${row.get("n")} products, ${row.get("total")} total`);

  // Counters and the saving listener's slug.
  const anvil = await EverydayProduct.firstOrCreate({ sku: "A-1" });
  await anvil.increment("stock", 2);
  const hammer = await EverydayProduct.create({ sku: "H-9", name: "Hammer", category: "tools", price: 20 });
  console.log(`  anvil stock ${anvil.stock}; new product slug '${hammer.slug}'`);

  // The password never reaches JSON; a request body with an unexpected field is refused.
  const account = await EverydayAccount.create({ email: "ada@example.com", password: "hash:s3cret" });
  console.log(`  account JSON: ${JSON.stringify(account)}`);
  try {
    await EverydayAccount.create(JSON.parse('{"email":"eve@example.com","password":"x","id":1}'));
  } catch (error) {
    console.log(`  refused: ${(error as Error).message.split(". ")[0]}`);
  }

  // A batch job with bounded memory.
  let value = 0;
  for await (const p of EverydayProduct.query().cursor()) value += p.price! * p.stock!;
  console.log(`  stock value via cursor(): ${value}`);
  stop();
  console.log(`  (${queries} SQL statements)`);
}
