/** MW4S: MW4 on the server MONGODB_URL names (FerretDB in CI), against the official driver alone. */
import { defineWorkload } from "../harness";
import { eloquentMongoRunner, rawDriverRunner, serverMongoContext, type MongoContext } from "../mongo-fixture";
import { canonical, eloquentRun, rawRun } from "./mw4-mongo-nested";

export default defineWorkload<MongoContext>({
  id: "MW4S",
  title: "Mongo nested on the MONGODB_URL server: 1k users → 10k posts → 100k comments (User.with('posts.comments'))",
  setup: serverMongoContext,
  subject: "eloquent",
  implementations: {
    eloquent: (ctx) => eloquentMongoRunner(ctx, eloquentRun, canonical),
    "raw driver": (ctx) => rawDriverRunner(ctx, rawRun, canonical),
  },
});
