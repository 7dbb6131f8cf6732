/**
 * The per-leg report of the Mongo contract suite counts what vitest reports, nothing else: fake
 * reported trees (the shapes legs.ts reads from vitest's TestModule / TestSuite / TestCase) go in,
 * counts and lines come out. And every file that runs per target names its legs the way the count
 * finds them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { countLegs, legOfTitle, printableUrl, serverName, serverUrlFromEnv, type ReportedCase, type ReportedSuite } from "./legs";
import { legLines } from "./legs-reporter";

type State = ReturnType<ReportedCase["result"]>["state"];
const test = (name: string, state: State): ReportedCase => ({ type: "test", name, result: () => ({ state }) });
const suite = (name: string, children: Array<ReportedSuite | ReportedCase>, errors: unknown[] = []): ReportedSuite => ({
  type: "suite",
  name,
  errors: () => errors,
  children: { array: () => children },
});
const module = (children: Array<ReportedSuite | ReportedCase>): ReportedSuite => ({
  type: "module",
  errors: () => [],
  children: { array: () => children },
});

describe("countLegs", () => {
  it("counts each leg's tests by their reported state, at any depth below the leg's describe block", () => {
    const crud = module([
      test("outside every leg", "failed"),
      suite("crud on the 'embedded' store", [
        test("a", "passed"),
        suite("nested", [test("b", "passed"), test("c", "skipped"), suite("deeper", [test("d", "failed")])]),
      ]),
      suite("crud on the 'server' store", [
        test("a", "passed"),
        suite("nested", [test("b", "passed"), test("c", "passed"), suite("deeper", [test("d", "pending")])]),
      ]),
    ]);
    const mixed = module([suite("mixed: SQL on 'sqlite', Mongo on the 'server' store", [test("e", "passed")])]);
    const unit = module([suite("translation", [test("f", "passed")])]);
    const counts = countLegs([crud, mixed, unit]);
    expect(Object.fromEntries(counts)).toEqual({
      embedded: { passed: 2, skipped: 1, failed: 1 },
      // A test that never finished (pending) did not pass: it counts as failed.
      server: { passed: 4, skipped: 0, failed: 1 },
    });
  });

  it("tests vitest marks skipped because their suite's beforeAll threw count as failed, not skipped", () => {
    const counts = countLegs([
      module([
        suite("values on the 'server' store", [test("a", "skipped"), suite("inner", [test("b", "skipped")])], [new Error("connect")]),
        suite("values on the 'embedded' store", [test("a", "passed"), test("b", "skipped")]),
      ]),
    ]);
    expect(counts.get("server")).toEqual({ passed: 0, skipped: 0, failed: 2 });
    expect(counts.get("embedded")).toEqual({ passed: 1, skipped: 1, failed: 0 });
  });

  it("no leg ran: no counts (and no report)", () => {
    const counts = countLegs([module([suite("translation", [test("f", "passed")])])]);
    expect(counts.size).toBe(0);
    expect(legLines(counts, undefined)).toEqual([]);
  });

  it("leg titles: vitest's quoted $kind and the plain word; nothing else", () => {
    expect(legOfTitle("crud on the 'embedded' store")).toBe("embedded");
    expect(legOfTitle("crud on the server store")).toBe("server");
    expect(legOfTitle("relation queries on Mongo models on the 'server' store")).toBe("server");
    expect(legOfTitle("the embedded store: inserts and ids")).toBeUndefined();
    expect(legOfTitle("like queries on the embedded stores")).toBeUndefined();
  });
});

describe("report lines", () => {
  it("one line per leg with its counts; the server as it names itself", () => {
    const counts = new Map([
      ["embedded", { passed: 10, skipped: 0, failed: 0 }],
      ["server", { passed: 8, skipped: 2, failed: 0 }],
    ]);
    expect(legLines(counts, "FerretDB v1.24.0 at mongodb://127.0.0.1:4000/")).toEqual([
      "mongo contract suite · embedded store: 10 passed, 0 skipped, 0 failed",
      "mongo contract suite · FerretDB v1.24.0 at mongodb://127.0.0.1:4000/: 8 passed, 2 skipped, 0 failed",
    ]);
  });

  it("says when the server leg did not run, and when the legs ran different numbers of tests", () => {
    expect(legLines(new Map([["embedded", { passed: 3, skipped: 0, failed: 0 }]]), undefined)).toEqual([
      "mongo contract suite · embedded store: 3 passed, 0 skipped, 0 failed",
      "mongo contract suite · server: not run (MONGODB_URL is not set; `npm run test:mongo` starts FerretDB and sets it)",
    ]);
    const uneven = new Map([
      ["embedded", { passed: 3, skipped: 0, failed: 0 }],
      ["server", { passed: 1, skipped: 0, failed: 1 }],
    ]);
    expect(legLines(uneven, "MongoDB 7.0.14 at mongodb://h/").at(-1)).toBe(
      "!!! mongo contract suite · the legs ran different numbers of tests (embedded 3, server 2)",
    );
  });

  it("names the server from its buildInfo and never prints a password", () => {
    expect(serverName({ version: "7.0.42", ferretdb: { version: "v1.24.0" } })).toBe("FerretDB v1.24.0");
    expect(serverName({ version: "7.0.42", ferretdbVersion: "v1.10.1" })).toBe("FerretDB v1.10.1");
    expect(serverName({ version: "7.0.14" })).toBe("MongoDB 7.0.14");
    expect(printableUrl("mongodb://app:s3cret@db.example:27017/x")).toBe("mongodb://app:***@db.example:27017/x");
    expect(printableUrl("mongodb+srv://app:p%40ss@cluster.example/")).toBe("mongodb+srv://app:***@cluster.example/");
    expect(printableUrl("mongodb://127.0.0.1:4000/")).toBe("mongodb://127.0.0.1:4000/");
    expect(serverUrlFromEnv({ MONGODB_URL: " memory: " })).toBeUndefined();
    expect(serverUrlFromEnv({ MONGODB_URL: "mongodb://h/" })).toBe("mongodb://h/");
  });
});

describe("leg titles in the suite", () => {
  const root = join(__dirname, "..", "..");
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
    );

  it('every file that runs per Mongo target titles its per-target blocks "… on the $kind store"', () => {
    const perTarget = files(root).filter((f) => /import \{[^}]*\bmongoTargets\b[^}]*\} from/.test(readFileSync(f, "utf8")));
    expect(perTarget.length).toBeGreaterThan(10);
    const unlabelled: string[] = [];
    for (const file of perTarget) {
      const source = readFileSync(file, "utf8");
      // The titles of describe.each(...) blocks that interpolate the target's kind.
      const titles = [...source.matchAll(/describe\.each\([^)]*\)\)?\(\s*(["'`])((?:(?!\1).)*)\1/g)].map((m) => m[2]!);
      const kindTitles = titles.filter((t) => t.includes("$kind"));
      if (!kindTitles.length || kindTitles.some((t) => !t.includes("on the $kind store"))) {
        unlabelled.push(`${relative(root, file)}: ${JSON.stringify(kindTitles)}`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it("no block outside the per-target ones has a leg's title (it would be counted in that leg only)", () => {
    const stray: string[] = [];
    for (const file of files(root)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bdescribe(?:\.\w+)*\(\s*(["'`])((?:(?!\1).)*)\1/g)) {
        if (legOfTitle(m[2]!)) stray.push(`${relative(root, file)}: ${m[2]}`);
      }
    }
    expect(stray).toEqual([]);
  });
});

describe("on vitest's real results", () => {
  it("a nested vitest run of a fixture: the counts of each leg as vitest reports them", async () => {
    const { startVitest } = await import("vitest/node");
    const fixture = join(__dirname, "..", "..", "fixtures", "mongo-legs");
    let counts: ReturnType<typeof countLegs> | undefined;
    const exitCode = process.exitCode;
    const vitest = await startVitest("test", [], {
      root: fixture,
      config: false,
      include: ["*.fixture.ts"],
      watch: false,
      reporters: [{ onTestRunEnd: (modules) => void (counts = countLegs(modules)) }],
      pool: "threads",
      maxWorkers: 1,
    });
    await vitest.close();
    process.exitCode = exitCode; // the fixture fails on purpose; this run does not
    expect(Object.fromEntries(counts!)).toEqual({
      embedded: { passed: 5, skipped: 1, failed: 0 },
      server: { passed: 1, skipped: 2, failed: 3 },
    });
  }, 60_000);
});
