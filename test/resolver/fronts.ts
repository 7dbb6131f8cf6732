/**
 * One model file through every static front — `eloquent check` (built CLI), ESLint (built plugin, real
 * binary) and tsserver (built plugin, real server) — normalised to comparable rows, so a test can require
 * the same verdict and the same text from each. The runtime side runs in-process in the test itself.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempRoot, TSCONFIG } from "../eslint/corpus-projects";
import { FLAT_CONFIG } from "../eslint/project-fixture";
import { CLI, ESLINT10, parseEslintJson, run } from "../eslint/run";
import type { TsServer } from "../ts-plugin/tsserver-client";

export const FIXTURES = join(__dirname, "../fixtures/resolver");

/** One engine diagnostic as the CLI's JSON reports it. */
export interface CheckRow {
  ruleId: string;
  code: string;
  severity: string;
  line: number;
  message: string;
  hint: string;
}

export interface StaticProject {
  root: string;
  /** The copy of models.ts the fronts read. */
  file: string;
  text: string;
}

/** A scratch project with the fixture's models.ts, a tsconfig loading the tsserver plugin and a flat ESLint config. */
export function staticProject(fixture: string): StaticProject {
  const root = makeTempRoot(`eloquent-resolver-${fixture}-`);
  const file = join(root, "models.ts");
  cpSync(join(FIXTURES, fixture, "models.ts"), file);
  const tsconfig = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, plugins: [{ name: "eloquent-ts-plugin" }] } };
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(root, "eslint.config.mjs"), FLAT_CONFIG);
  return { root, file, text: readFileSync(file, "utf8") };
}

const byPlace = <T extends { line: number; ruleId: string }>(a: T, b: T) => a.line - b.line || a.ruleId.localeCompare(b.ruleId);

/** `eloquent check --format json` in the project. */
export function checkFront(project: StaticProject): CheckRow[] {
  const result = run(CLI, ["check", "--format", "json"], project.root);
  let report: { diagnostics: Array<CheckRow & Record<string, unknown>> };
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `eloquent check did not print JSON (exit ${result.status}).\nstderr:\n${result.stderr}\nstdout:\n${result.stdout.slice(0, 2000)}`,
    );
  }
  return report.diagnostics
    .map((d) => ({ ruleId: d.ruleId, code: d.code, severity: d.severity, line: d.line, message: d.message, hint: d.hint }))
    .sort(byPlace);
}

/** What ESLint prints per engine diagnostic: `<message> <hint>` under `eloquent/<rule>`. */
export interface TextRow {
  ruleId: string;
  line: number;
  text: string;
}

/** ESLint 10 with the plugin's recommended config. */
export function eslintFront(project: StaticProject): TextRow[] {
  const files = parseEslintJson(run(ESLINT10, ["--format", "json", "models.ts"], project.root));
  return files
    .flatMap((file) => file.messages.map((m) => ({ ruleId: m.ruleId ?? `(no rule) ${m.message}`, line: m.line, text: m.message })))
    .sort(byPlace);
}

/** The plugin's diagnostics in a real tsserver: `<message>\n<hint> (eloquent/<rule>)`. */
export async function tsserverFront(server: TsServer, project: StaticProject): Promise<TextRow[]> {
  server.open(project.file);
  const diagnostics = (await server.semanticDiagnostics(project.file)).filter((d: any) => d.source === "eloquent");
  return diagnostics
    .map((d: any) => ({
      ruleId: /\(eloquent\/([a-z-]+)\)$/.exec(d.text)?.[1] ?? "?",
      line: d.start.line as number,
      text: d.text as string,
    }))
    .sort(byPlace);
}

/** The rows ESLint must print for the CLI's diagnostics. */
export function asEslint(rows: readonly CheckRow[]): TextRow[] {
  return rows.map((d) => ({ ruleId: `eloquent/${d.ruleId}`, line: d.line, text: `${d.message} ${d.hint}` }));
}

/** The rows tsserver must show for the CLI's diagnostics. */
export function asTsserver(rows: readonly CheckRow[]): TextRow[] {
  return rows.map((d) => ({ ruleId: d.ruleId, line: d.line, text: `${d.message}\n${d.hint} (eloquent/${d.ruleId})` }));
}

/** Line (1-based) of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not found`);
  return index + 1;
}

/** A diagnostic as `registerModels` returns it, reduced to what the static fronts also report. */
export function engineRows(diagnostics: ReadonlyArray<{ ruleId: string; code: string; severity: string; message: string; hint: string }>) {
  return diagnostics
    .map(({ ruleId, code, severity, message, hint }) => ({ ruleId, code, severity, message, hint }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
}
