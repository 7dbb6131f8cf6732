/**
 * The official `mongodb` driver is an optional peer of the ORM: SQL-only apps never install it, and
 * `require("eloquent-orm")` does not load it. The Mongo runtime asks for it here the first time it
 * needs a driver value (an ObjectId, a client).
 */
import type * as Driver from "mongodb";
import { optionalPeer } from "../optional-peer";

export const mongoDriver = optionalPeer<typeof Driver>(
  "mongodb",
  "Mongo models need the official MongoDB driver, which is not installed. " +
    "Install it next to eloquent-orm:  npm install mongodb  (and mingo for the embedded store: npm install mingo)",
);
