/**
 * Generated primary keys (Laravel's HasUuids / HasUlids): a `uuid` or `ulid` primary key left empty
 * on insert gets a new value on the client, so the model knows its key without a round trip.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { ModelMeta } from "./meta";
import type { Model } from "./model";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 48-bit millisecond time + 80 random bits, Crockford base32 (26 characters, sorts by time). */
function ulid(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i]! % 32];
  return time + rand;
}

export function newUniqueId(type: "uuid" | "ulid"): string {
  return type === "uuid" ? randomUUID() : ulid();
}

/** Sets a generated key on an unsaved model whose uuid/ulid primary key is empty. */
export function assignUniqueId(meta: ModelMeta, model: Model): void {
  const type: string | undefined = meta.columns.get(meta.primaryKey)?.type;
  if ((type === "uuid" || type === "ulid") && model.get(meta.primaryKey) == null) model.set(meta.primaryKey, newUniqueId(type));
}
