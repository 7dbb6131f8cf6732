/** The engine's configuration logic: parsing, merging, applying settings, suppression comments. */
import { describe, expect, it } from "vitest";
import {
  applyRuleSettings,
  failsBuild,
  findSuppressions,
  mergeConfigs,
  parseEloquentConfig,
  withoutSuppressed,
  type Diagnostic,
} from "eloquent-engine";

const KNOWN = ["cross-store-relation", "relation-target-exists"];

function diagnostic(ruleId: string, start: number, severity: Diagnostic["severity"] = "error"): Diagnostic {
  return {
    ruleId,
    code: "ELQ000",
    severity,
    message: "m",
    hint: "h",
    node: { model: "M", part: "model" },
    span: { file: "f.ts", start, end: start + 1 },
    suggestions: [],
  };
}

describe("parseEloquentConfig", () => {
  it("accepts rule ids with or without the eloquent/ prefix and ESLint's 'warn'", () => {
    expect(
      parseEloquentConfig(
        { rules: { "eloquent/cross-store-relation": "warn", "relation-target-exists": "off" }, failOnWarnings: true },
        "x",
        KNOWN,
      ),
    ).toEqual({
      rules: { "cross-store-relation": "warning", "relation-target-exists": "off" },
      failOnWarnings: true,
    });
  });
  it.each([
    [[], /must be an object/],
    [{ rules: [] }, /"rules" must be an object/],
    [{ rules: { nope: "off" } }, /unknown rule "nope".*Known rules: cross-store-relation, relation-target-exists/],
    [{ rules: { "cross-store-relation": 2 } }, /is set to number 2; expected "error", "warning", "info" or "off"/],
    [{ failOnWarnings: "yes" }, /"failOnWarnings" must be true or false/],
  ])("rejects %j with a message naming the source", (raw, message) => {
    expect(() => parseEloquentConfig(raw, "eloquent.config.json", KNOWN)).toThrow(message);
    expect(() => parseEloquentConfig(raw, "eloquent.config.json", KNOWN)).toThrow(/^eloquent\.config\.json: /);
  });
});

describe("applying settings", () => {
  it("re-grades, drops 'off', keeps the rest; later configurations win", () => {
    const config = mergeConfigs(
      parseEloquentConfig({ rules: { "cross-store-relation": "error", "relation-target-exists": "off" } }, "a", KNOWN),
      parseEloquentConfig({ rules: { "cross-store-relation": "info" } }, "b", KNOWN),
    );
    expect(
      applyRuleSettings(
        [diagnostic("cross-store-relation", 0, "warning"), diagnostic("relation-target-exists", 1), diagnostic("other", 2)],
        config,
      ).map((d) => [d.ruleId, d.severity]),
    ).toEqual([
      ["cross-store-relation", "info"],
      ["other", "error"],
    ]);
  });
  it("only errors fail the build, warnings too with failOnWarnings, info never", () => {
    const base = parseEloquentConfig({}, "x", KNOWN);
    const strict = parseEloquentConfig({ failOnWarnings: true }, "x", KNOWN);
    expect([failsBuild("error", base), failsBuild("warning", base), failsBuild("warning", strict), failsBuild("info", strict)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

describe("eloquent-disable-next-line", () => {
  const text = [
    "a", // line 0
    "// eloquent-disable-next-line relation-target-exists, eloquent/cross-store-relation -- on purpose",
    "b", // line 2: both suppressed
    "/* eloquent-disable-next-line */",
    "c", // line 4: everything suppressed
    "d", // line 5: nothing
  ].join("\n");
  const offset = (line: number): number => text.split("\n").slice(0, line).join("\n").length + (line > 0 ? 1 : 0);

  it("parses ids, the eloquent/ prefix, '-- reason' and the bare form", () => {
    const found = findSuppressions(text);
    expect([...found.keys()]).toEqual([2, 4]);
    expect([...(found.get(2) as Set<string>)]).toEqual(["relation-target-exists", "cross-store-relation"]);
    expect(found.get(4)).toBe("all");
  });

  it("removes exactly the diagnostics on the next line of the named rules", () => {
    const kept = withoutSuppressed(
      [
        diagnostic("relation-target-exists", offset(2)),
        diagnostic("table-clash", offset(2)),
        diagnostic("table-clash", offset(4)),
        diagnostic("relation-target-exists", offset(5)),
        diagnostic("relation-target-exists", offset(0)),
      ],
      text,
    );
    expect(kept.map((d) => [d.ruleId, d.span!.start])).toEqual([
      ["table-clash", offset(2)],
      ["relation-target-exists", offset(5)],
      ["relation-target-exists", offset(0)],
    ]);
  });
});
