/**
 * End-of-run lines for the Mongo contract suite, one per leg, counted from vitest's own results
 * (legs.ts `countLegs`), e.g.
 *   mongo contract suite · embedded store: 109 passed, 0 skipped, 0 failed
 *   mongo contract suite · FerretDB v1.24.0 at mongodb://127.0.0.1:36175/: 109 passed, 0 skipped, 0 failed
 * The server is named by its own `buildInfo` (asked once, at the end), not by what CI meant to start.
 * Registered in vitest.config.ts beside the default reporter; silent when no leg's tests ran.
 */
// vitest/node is ESM-only; this project compiles as CommonJS, so the type import names its resolution mode.
import type { Reporter, TestModule } from "vitest/node" with { "resolution-mode": "import" };
import { countLegs, formatCounts, printableUrl, serverName, serverUrlFromEnv, type LegCounts } from "./legs";

const PREFIX = "mongo contract suite ·";

/** The report's lines for counted legs; `server` describes the server leg's target. */
export function legLines(counts: ReadonlyMap<string, LegCounts>, server: string | undefined): string[] {
  if (counts.size === 0) return [];
  const lines: string[] = [];
  const embedded = counts.get("embedded");
  const onServer = counts.get("server");
  lines.push(`${PREFIX} embedded store: ${embedded ? formatCounts(embedded) : "no tests ran"}`);
  if (onServer) lines.push(`${PREFIX} ${server ?? "server"}: ${formatCounts(onServer)}`);
  else lines.push(`${PREFIX} server: not run (MONGODB_URL is not set; \`npm run test:mongo\` starts FerretDB and sets it)`);
  if (embedded && onServer) {
    const total = (c: LegCounts) => c.passed + c.skipped + c.failed;
    if (total(embedded) !== total(onServer)) {
      lines.push(`!!! ${PREFIX} the legs ran different numbers of tests (embedded ${total(embedded)}, server ${total(onServer)})`);
    }
  }
  return lines;
}

/** The server leg's target as the server names itself, e.g. "FerretDB v1.24.0 at mongodb://127.0.0.1:40615/". */
async function describeServer(url: string): Promise<string> {
  const at = `at ${printableUrl(url)}`;
  // Loaded only when a server leg ran: the config stays cheap to load everywhere else.
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 });
  try {
    const info = await client.db("admin").command({ buildInfo: 1 });
    return `${serverName(info)} ${at}`;
  } catch (e) {
    return `server ${at} (no buildInfo at the end of the run: ${(e as Error).message})`;
  } finally {
    await client.close().catch(() => {});
  }
}

export default class MongoLegsReporter implements Reporter {
  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const counts = countLegs(testModules);
    const url = serverUrlFromEnv();
    const server = counts.has("server") && url ? await describeServer(url) : undefined;
    const lines = legLines(counts, server);
    if (lines.length) process.stdout.write(`\n${lines.join("\n")}\n`);
  }
}
