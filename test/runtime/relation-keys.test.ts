/**
 * The parent keys an eager load sends (relations/keys.ts): distinct, non-null, in first-seen order,
 * whether or not the parents came in key order (the fast path skips the set only for increasing keys).
 */
import { describe, expect, it } from "vitest";
import { distinctAttribute } from "../../runtime/src/relations/keys";

const rows = (...values: unknown[]) => values.map((id) => ({ get: (key: string) => (key === "id" ? id : undefined) }));

describe("distinctAttribute", () => {
  it("keeps increasing keys as they are", () => {
    expect(distinctAttribute(rows(1, 2, 5, 9), "id")).toEqual([1, 2, 5, 9]);
    expect(distinctAttribute(rows("a", "b", "c"), "id")).toEqual(["a", "b", "c"]);
  });

  it("drops repeats and nulls in first-seen order when the keys do not only increase", () => {
    expect(distinctAttribute(rows(1, 2, 2, 3), "id")).toEqual([1, 2, 3]);
    expect(distinctAttribute(rows(3, 1, 3, 2, 1), "id")).toEqual([3, 1, 2]);
    expect(distinctAttribute(rows(1, null, 2, undefined, 3), "id")).toEqual([1, 2, 3]);
    expect(distinctAttribute(rows(null), "id")).toEqual([]);
    expect(distinctAttribute(rows("10", "9", "10"), "id")).toEqual(["10", "9"]);
  });

  it("never treats values of different types or NaN as increasing", () => {
    expect(distinctAttribute(rows(1, "2", 3), "id")).toEqual([1, "2", 3]);
    expect(distinctAttribute(rows(1, NaN, NaN), "id")).toEqual([1, NaN]);
    const oid = { toString: () => "65a1" };
    expect(distinctAttribute(rows(oid, { toString: () => "65a1" }), "id")).toEqual([oid]); // ObjectIds compare by hex
  });
});
