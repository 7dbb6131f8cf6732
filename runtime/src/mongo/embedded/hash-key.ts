/**
 * Hash keys for scalar values under MongoDB equality: two values get the same key exactly when a
 * query's equality treats them as equal (numbers across int/double, ObjectIds by bytes, dates by
 * instant). Values without a key (embedded documents, arrays, Long/Decimal128…) are left to mingo.
 */
import type { BSON } from "mongodb";
import { mongoDriver } from "../driver";

export function scalarKey(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return "s" + value;
    case "number":
      return "n" + value;
    case "bigint":
      return "n" + value.toString();
    case "boolean":
      return value ? "T" : "F";
    case "object": {
      if (value === null) return undefined;
      if (value instanceof Date) return "d" + value.getTime();
      if ((value as { _bsontype?: unknown })._bsontype === "ObjectId") return "o" + (value as { toHexString(): string }).toHexString();
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Key of an `_id` value of any type (the unique `_id` index). */
export function idKey(value: unknown): string {
  return scalarKey(value) ?? "j" + mongoDriver().BSON.EJSON.stringify(value as BSON.Document, { relaxed: false });
}
