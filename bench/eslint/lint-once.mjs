// One measured ESLint run in a fresh process (so peak memory is this run's own):
//   node lint-once.mjs <projectDir> <configFile>
// Prints one JSON line: { ms, cpuMs, maxRssMb, files, problems, engineRuns }.
import { ESLint } from "eslint";
import { performance } from "node:perf_hooks";

const [dir, config] = process.argv.slice(2);
let engineRuns = 0;
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  if (String(chunk).startsWith("eloquent: engine run")) engineRuns++;
  else return write(chunk, ...rest);
  return true;
};
const eslint = new ESLint({ cwd: dir, overrideConfigFile: config });
const start = performance.now();
const cpuStart = process.cpuUsage();
const results = await eslint.lintFiles([process.argv[4] ?? "models"]);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const problems = results.reduce((sum, r) => sum + r.messages.length, 0);
const firstProblem = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`))[0];
console.log(
  JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, files: results.length, problems, firstProblem, engineRuns }),
);
