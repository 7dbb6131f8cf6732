// One measured `eloquent check` in a fresh process (the built CLI, in-process so CPU time is its own):
//   node check-once.mjs <projectDir> <eloquent check arguments...>
// Prints the CLI's own output, then one line `BENCH {"ms","cpuMs","maxRssMb","code"}`.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const { main } = require("../../cli/dist/index.js");
const [dir, ...args] = process.argv.slice(2);
process.chdir(dir);
const start = performance.now();
const cpuStart = process.cpuUsage();
const code = await main(["check", ...args]);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `\nBENCH ${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, code })}\n`,
);
