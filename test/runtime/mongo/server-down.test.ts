/**
 * A server that goes away while the application runs (a restart, a lost network): the next query fails
 * within seconds with an error naming the URL, and the connection recovers by itself once the server is
 * back. Needs a real server (MONGODB_URL), reached through a TCP proxy the test can cut; the embedded
 * store has no network to lose.
 */
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { closeMongoConnection, column, configureMongoConnection, MongoConnectionError, MongoModel, registerModels } from "eloquent-orm";

const upstream = process.env.MONGODB_URL?.trim();
const serverUrl = upstream && !upstream.startsWith("memory:") ? new URL(upstream) : undefined;
if (!serverUrl) console.warn("\n!!! MONGODB_URL is not set: SKIPPING the server-down tests (they need a real server).\n");

/** A loopback proxy to the server that can be cut (every socket destroyed, nothing listening) and restored. */
async function proxy(to: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((done) => {
      server = net.createServer((client) => {
        const up = net.connect(Number(to.port || 27017), to.hostname);
        for (const s of [client, up]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(up).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        done();
      });
    });
  await listen();
  return {
    url: () => `mongodb://127.0.0.1:${port}/`,
    cut: () =>
      new Promise<void>((done) => {
        server!.close(() => done());
        for (const s of sockets) s.destroy();
      }),
    restore: listen,
  };
}

type PingAttrs = { id?: string; n?: number };
class Ping extends MongoModel<PingAttrs> {
  static connectionName = "downable";
  static schema = { n: column("int") };
}
registerModels([Ping], { strict: true, logger: false });

describe.skipIf(!serverUrl)("a server that goes down mid-session", () => {
  afterAll(() => closeMongoConnection("downable"));

  it("the next query fails within seconds naming the URL; the same connection works again once the server is back", async () => {
    const p = await proxy(serverUrl!);
    const database = `${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_server_down`;
    configureMongoConnection("downable", { url: p.url(), database });
    await Ping.create({ n: 1 });
    expect(await Ping.query().count()).toBe(1);

    await p.cut();
    const started = Date.now();
    const error = await Ping.query()
      .count()
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    const waited = Date.now() - started;
    expect(error).toBeInstanceOf(MongoConnectionError);
    expect(error!.message).toContain(`Mongo connection "downable"`);
    expect(error!.message).toContain(p.url());
    expect(waited).toBeLessThan(15_000); // the driver's default would wait 30 s

    await p.restore(); // same port: the driver's monitor finds the server again
    expect(await Ping.query().count()).toBe(1);
    await Ping.query().delete();
  });
});
