/**
 * The two legs of the Mongo contract suite — the embedded store and the MONGODB_URL server — as the
 * tests name them and as the end-of-run report counts them (legs-reporter.ts). No imports of the
 * runtime: vitest.config.ts loads this through the reporter, outside the test aliases.
 *
 * A leg is named in the title of the describe block the suite runs per target:
 * `describe.each(mongoTargets())("crud on the $kind store", …)`, which vitest prints as
 * "crud on the 'embedded' store" / "crud on the 'server' store". legs-reporter.test.ts checks that
 * every file running per target uses that title, so no leg's tests drop out of the count.
 */

export type MongoLeg = "embedded" | "server";

/** The leg named by a describe title, if any (with or without vitest's quotes around `$kind`). */
export function legOfTitle(title: string): MongoLeg | undefined {
  const m = /\bon the '?(embedded|server)'? store\b/.exec(title);
  return m ? (m[1] as MongoLeg) : undefined;
}

/** The real server of this run (MONGODB_URL, unless it names the embedded store), for the tests and the report. */
export function serverUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.MONGODB_URL?.trim();
  return url && !url.startsWith("memory:") ? url : undefined;
}

/** `buildInfo` of FerretDB carries its own version beside the MongoDB version it emulates. */
export function ferretDbVersion(info: Record<string, unknown>): string | undefined {
  const section = info.ferretdb as { version?: unknown } | undefined;
  const version = section?.version ?? info.ferretdbVersion;
  return typeof version === "string" ? version : undefined;
}

/** "FerretDB v1.24.0" or "MongoDB 7.0.14": the server as its own `buildInfo` names it. */
export function serverName(info: Record<string, unknown>): string {
  const ferret = ferretDbVersion(info);
  if (ferret) return `FerretDB ${ferret}`;
  return `MongoDB ${typeof info.version === "string" ? info.version : "(version not reported)"}`;
}

/** The URL with any password replaced, for printing. */
export function printableUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/)([^:@/]*):[^@/]*@/i, "$1$2:***@");
}

// ---- counting: from vitest's reported tree (TestModule / TestSuite / TestCase) --------------------------
// Structural types of the parts of vitest's reporter API the count reads: the reporter passes vitest's
// own objects (the type checker holds them to these shapes) and the unit test passes fakes.

export interface ReportedCase {
  readonly type: "test";
  readonly name: string;
  result(): { readonly state: "passed" | "failed" | "skipped" | "pending" };
}

export interface ReportedSuite {
  readonly type: "suite" | "module";
  /** Suites have a name; a module is known by its id. */
  readonly name?: string;
  /** Errors of the suite itself (a throwing beforeAll/afterAll), not of its tests. */
  errors(): ReadonlyArray<unknown>;
  readonly children: { array(): ReadonlyArray<ReportedSuite | ReportedCase> };
}

export interface LegCounts {
  passed: number;
  skipped: number;
  /** Failed tests, tests under a suite whose own hook threw (vitest reports them skipped), tests that never finished. */
  failed: number;
}

/** Per leg: how its tests ended. Tests outside a leg's describe block (unit tests, server-only files) are not counted. */
export function countLegs(modules: Iterable<ReportedSuite>): Map<MongoLeg, LegCounts> {
  const counts = new Map<MongoLeg, LegCounts>();
  const visit = (node: ReportedSuite | ReportedCase, leg: MongoLeg | undefined, inFailedSuite: boolean): void => {
    if (node.type === "test") {
      if (leg === undefined) return;
      let entry = counts.get(leg);
      if (!entry) counts.set(leg, (entry = { passed: 0, skipped: 0, failed: 0 }));
      const state = node.result().state;
      if (state === "passed") entry.passed++;
      else if (state === "skipped" && !inFailedSuite) entry.skipped++;
      else entry.failed++;
      return;
    }
    const own = node.type === "suite" && node.name !== undefined ? legOfTitle(node.name) : undefined;
    // vitest marks the tests of a suite whose beforeAll threw as skipped: they did not pass, so they count as failed.
    const failed = inFailedSuite || node.errors().length > 0;
    for (const child of node.children.array()) visit(child, leg ?? own, failed);
  };
  for (const module of modules) visit(module, undefined, false);
  return counts;
}

export function formatCounts(c: LegCounts): string {
  return `${c.passed} passed, ${c.skipped} skipped, ${c.failed} failed`;
}
