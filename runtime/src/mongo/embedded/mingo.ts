/**
 * mingo (query and update semantics of the embedded store) is an optional peer: loaded the first time
 * the embedded store runs a query, so apps on a real server (or on SQL only) never need it.
 */
import type * as Mingo from "mingo";
import { optionalPeer } from "../../optional-peer";

export const mingo = optionalPeer<typeof Mingo>(
  "mingo",
  "The embedded Mongo store (MONGODB_URL unset or memory:) needs the 'mingo' package, which is not installed. " +
    "Install it next to eloquent-orm:  npm install mingo  — or point MONGODB_URL at a MongoDB server.",
);
