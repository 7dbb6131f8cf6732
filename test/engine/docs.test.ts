import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DATABASE_RULES, RULES } from "eloquent-engine";

const docs = readFileSync(join(__dirname, "../../engine/docs/rules.md"), "utf8");

function section(id: string): string | undefined {
  const start = docs.indexOf(`\n## ${id}\n`);
  if (start < 0) return undefined;
  const next = docs.indexOf("\n## ", start + 1);
  return docs.slice(start, next < 0 ? undefined : next);
}

it.each(RULES.map((rule) => [rule.id, rule] as const))("engine/docs/rules.md documents %s", (_id, rule) => {
  const text = section(rule.id);
  expect(text, `no "## ${rule.id}" section`).toBeDefined();
  expect(text).toContain(`Code: \`${rule.code}\` · Severity: \`${rule.defaultSeverity}\``);
  for (const part of ["**What.**", "**Why.**", "**Fix.**", "```ts"]) expect(text).toContain(part);
  expect(docs).toContain(`| [${rule.id}](#${rule.id}) | ${rule.code} | ${rule.defaultSeverity} |`);
});

it("documents no rule that does not exist", () => {
  const ids = new Set(RULES.map((r) => r.id));
  const headings = [...docs.matchAll(/\n## ([a-z-]+)\n/g)].map((m) => m[1]);
  expect(headings.filter((h) => !ids.has(h))).toEqual([]);
});

it.each(DATABASE_RULES.map((rule) => [rule.id, rule] as const))("engine/docs/rules.md documents the database rule %s", (_id, rule) => {
  const start = docs.indexOf(`\n### ${rule.id}\n`);
  expect(start, `no "### ${rule.id}" section`).toBeGreaterThan(0);
  const next = docs.indexOf("\n### ", start + 1);
  const text = docs.slice(start, next < 0 ? undefined : next);
  expect(text).toContain(`Code: \`${rule.code}\` · Severity: \`${rule.defaultSeverity}\``);
  for (const part of ["**What.**", "**Why.**", "**Fix.**", "```ts"]) expect(text).toContain(part);
  expect(docs).toContain(`| [${rule.id}](#${rule.id}) | ${rule.code} | ${rule.defaultSeverity} |`);
});
