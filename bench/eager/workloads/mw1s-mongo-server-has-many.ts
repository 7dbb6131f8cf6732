/** MW1S: MW1 on the server MONGODB_URL names (FerretDB in CI), against the official driver alone. */
import { defineWorkload } from "../harness";
import { eloquentMongoRunner, rawDriverRunner, serverMongoContext, type MongoContext } from "../mongo-fixture";
import { canonical, eloquentRun, rawRun } from "./mw1-mongo-has-many";

export default defineWorkload<MongoContext>({
  id: "MW1S",
  title: "Mongo hasMany on the MONGODB_URL server: 10k users × 10 posts (User.with('posts'))",
  setup: serverMongoContext,
  subject: "eloquent",
  implementations: {
    eloquent: (ctx) => eloquentMongoRunner(ctx, eloquentRun, canonical),
    "raw driver": (ctx) => rawDriverRunner(ctx, rawRun, canonical),
  },
});
