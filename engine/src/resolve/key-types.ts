/** Which column types can hold which keys, and the column type a new foreign key should get. */
import type { Store } from "../graph/graph";

export type KeyFamily = "integer" | "string" | "objectId" | "other";

const FAMILY: Readonly<Record<string, KeyFamily>> = {
  increments: "integer",
  bigIncrements: "integer",
  int: "integer",
  smallint: "integer",
  bigint: "integer",
  uuid: "string",
  ulid: "string",
  string: "string",
  char: "string",
  text: "string",
  objectId: "objectId",
};

export function keyFamily(type: string): KeyFamily {
  return FAMILY[type] ?? "other";
}

/**
 * Whether a column of type `fk` can hold values of the key column `ref`. Integer widths are not
 * compared (int → bigIncrements works until 2^31), and strings hold ObjectIds because the Mongo
 * runtime converts 24-hex strings to ObjectId in queries.
 */
export function keyTypesCompatible(fk: string, ref: string): boolean {
  const a = keyFamily(fk);
  const b = keyFamily(ref);
  if (a === b) return a !== "other" || fk === ref;
  return (a === "string" && b === "objectId") || (a === "objectId" && b === "string");
}

/** Column type for a new column holding `refType` keys: increments → int, bigIncrements → bigint, … */
export function foreignKeyColumnType(refType: string | undefined, store: Store): string {
  switch (refType) {
    case undefined:
      return store === "mongo" ? "objectId" : "int";
    case "increments":
    case "int":
      return "int";
    case "bigIncrements":
    case "bigint":
      return "bigint";
    case "uuid":
      return "uuid";
    case "ulid":
      return "ulid";
    case "objectId":
      return store === "mongo" ? "objectId" : "string";
    case "text":
      return "string";
    default:
      return refType;
  }
}
