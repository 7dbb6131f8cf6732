/** `like` in the embedded store: the linear matcher agrees with the regex it stands for, and never backtracks. */
import { afterAll, describe, expect, it, vi } from "vitest";
import { column, MongoModel, registerModels } from "eloquent-orm";
import { useMongo } from "./target";
import { globMatches, globOf, linearRegExp, LinearLikeRegExp } from "../../../runtime/src/mongo/embedded/glob";
import { likeToRegex } from "../../../runtime/src/mongo/mongo-values";

const meta = { name: "T" } as never;
const regexFor = (p: string, i = false) => likeToRegex(p, meta, "where()", i);

/** Deterministic pseudo-random numbers (a failure reproduces). */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe("like patterns in the embedded store", () => {
  it("every pattern like() compiles to is recognised, and the linear matcher agrees with the regex on random inputs", () => {
    const next = rng(17);
    const pick = (alphabet: string, max: number) =>
      Array.from({ length: Math.floor(next() * (max + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
    let matched = 0;
    for (let n = 0; n < 3000; n++) {
      const pattern = pick("ab%_.AİßſK\n", 7);
      const insensitive = next() < 0.3;
      const regex = regexFor(pattern, insensitive);
      const glob = globOf(regex);
      expect(glob, `pattern ${JSON.stringify(pattern)} → ${regex}`).toBeDefined();
      for (let k = 0; k < 5; k++) {
        const value = pick("abA.İißSsſKk\u212a\n", 8);
        const expected = regex.test(value);
        if (expected) matched++;
        expect(globMatches(glob!, value), `${JSON.stringify(pattern)} on ${JSON.stringify(value)}`).toBe(expected);
      }
    }
    expect(matched).toBeGreaterThan(500); // the inputs exercise matches, not only misses
  });

  it("ilike folds case exactly like the regex's i flag (per code unit; no non-ASCII to ASCII)", () => {
    const cases: [string, string][] = [
      ["K", "\u212a"],
      ["k", "K"],
      ["%s%", "ſ"],
      ["i", "İ"],
      ["_i", "xİ"],
      ["ß", "SS"],
      ["%ä", "Ä"],
      ["é_", "Éx"],
    ];
    for (const [pattern, value] of cases) {
      const regex = regexFor(pattern, true);
      expect(globMatches(globOf(regex)!, value), `${pattern} ilike ${value}`).toBe(regex.test(value));
    }
  });

  it("leaves every other regex to the regex engine", () => {
    for (const re of [/^a+$/, /^\d$/, /a/, /^a$/m, /^(a|b)$/, /^[ab]$/]) expect(globOf(re), String(re)).toBeUndefined();
    expect(linearRegExp(/^a+$/)).not.toBeInstanceOf(LinearLikeRegExp);
    expect(linearRegExp(regexFor("a%"))).toBeInstanceOf(LinearLikeRegExp);
  });

  it("'%a'×10 + 'b' against 40 characters is decided without backtracking (the regex would take minutes)", () => {
    const pattern = "%a".repeat(10) + "b";
    const linear = linearRegExp(regexFor(pattern));
    expect(linear).toBeInstanceOf(LinearLikeRegExp);
    expect(linear.test("a".repeat(40))).toBe(false);
    expect(linear.test("a".repeat(39) + "b")).toBe(true);
    expect(regexFor("a%%%b").source).toBe("^a[\\s\\S]*b$"); // repeated % collapse to one gap
  });
});

class LikeNote extends MongoModel<{ title: string; tags: string[] }> {
  static connectionName = "mongo";
  static schema = { title: column("string", 255), tags: column("json") };
}

// Embedded-only (its matcher), not a leg of the contract suite: no "on the … store" title (legs.ts).
describe("like queries through the embedded store's matcher", () => {
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it("never hand a like pattern to the backtracking regex engine (mingo clones criteria into plain RegExps)", async () => {
    close = await useMongo("like_engine", { kind: "embedded", url: "memory:" });
    registerModels([LikeNote]);
    await LikeNote.createMany([
      { title: "a".repeat(40), tags: ["x"] },
      { title: "a".repeat(39) + "b", tags: ["y"] },
    ]);
    const pattern = "%a".repeat(10) + "b";
    const exec = vi.spyOn(RegExp.prototype, "exec");
    const test = vi.spyOn(RegExp.prototype, "test");
    try {
      const likeCalls = () =>
        [...exec.mock.contexts, ...test.mock.contexts].filter((re) => String((re as RegExp).source).includes("[\\s\\S]")).length;
      expect((await LikeNote.where("title", "like", pattern)).map((n) => n.title)).toEqual(["a".repeat(39) + "b"]);
      expect(await LikeNote.where("title", "not like", pattern).where("title", "like", "aaaa%").count()).toBe(1);
      expect(await LikeNote.where("title", "like", "%B").count()).toBe(0);
      expect(await LikeNote.where("title", "ilike", "%B").count()).toBe(1);
      expect(likeCalls()).toBe(0);
    } finally {
      exec.mockRestore();
      test.mockRestore();
    }
  });
});
