/**
 * Every rule of the plugin through @typescript-eslint/rule-tester: the clean models are valid for all
 * of them, each rule has an invalid snippet with the exact lines, and every autofix and suggestion is
 * checked against the code it must produce. Snippets are single files (no tsconfig above them).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { tmpdir } from "node:os";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, expect, it } from "vitest";
import { RULES } from "eloquent-engine";
import plugin = require("eslint-plugin-eloquent");
import { CASES } from "./rule-cases";
import { CLEAN, HEADER, sql } from "./rule-snippets";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester();
const dir = path.join(tmpdir(), "eloquent-rule-tester");
const file = (rule: string) => path.join(dir, `${rule}.ts`);
const codeOf = (rule: string) => CASES.find((c) => c.rule === rule)!.code;
const rule = (id: string) => (plugin.rules as unknown as Record<string, Parameters<typeof tester.run>[1]>)[id]!;

/** Replaces exactly one occurrence (fails loudly when the snippet changed). */
function edit(code: string, from: string, to: string): string {
  const at = code.indexOf(from);
  if (at < 0 || code.indexOf(from, at + 1) >= 0) throw new Error(`snippet edit: '${from}' must occur exactly once`);
  return code.slice(0, at) + to + code.slice(at + from.length);
}
const after = (code: string, line: string, added: string) => edit(code, line, `${line}\n${added}`);
/** The report's messageId is the rule's own (set per rule below, see `reportMessageId`). */
const error = (line: number, extra: Record<string, unknown> = {}) => ({ messageId: "(the rule's)", line, ...extra });
/** One messageId per suggestion kind, told apart by the engine's description. */
const suggestionId = (desc: string): string =>
  desc.startsWith("Replace")
    ? "replace"
    : desc.startsWith("Remove")
      ? "removeOption"
      : desc.startsWith("Create model")
        ? "createModel"
        : /: column\(/.test(desc)
          ? "addColumn"
          : /: relation\(/.test(desc)
            ? "addRelation"
            : "addOptions";
const suggestion = (desc: string, output: string) => ({ messageId: suggestionId(desc), data: { description: desc }, output });
const reportMessageId = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe("rule set", () => {
  it("has one ESLint rule per engine rule, plus relation-path and model-declaration", () => {
    expect(Object.keys(plugin.rules).sort()).toEqual([...RULES.map((r) => r.id), "relation-path", "model-declaration"].sort());
    for (const engineRule of RULES) {
      const meta = rule(engineRule.id).meta;
      expect(meta.docs?.description).toBe(engineRule.description);
      expect((meta.docs as { url?: string }).url).toMatch(new RegExp(`docs/rules\\.md#${engineRule.id}$`));
    }
  });

  it("every rule's meta.docs.url points at a section of engine/docs/rules.md that exists", () => {
    const doc = readFileSync(path.join(__dirname, "../../engine/docs/rules.md"), "utf8");
    const anchors = new Set([...doc.matchAll(/^#{2,3} ([a-z0-9-]+)\s*$/gm)].map((m) => m[1]));
    for (const id of Object.keys(plugin.rules)) {
      const url = (rule(id).meta.docs as { url?: string }).url!;
      expect(anchors.has(url.slice(url.indexOf("#") + 1)), `${id}: ${url}`).toBe(true);
    }
  });

  it("every rule has an invalid case below (internal-error aside: it needs an engine bug)", () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(Object.keys(plugin.rules).filter((id) => id !== "internal-error" && !covered.has(id))).toEqual([]);
  });
});

const INVALID: Record<string, Array<{ code: string; output?: string | null; errors: ReturnType<typeof error>[] }>> = {
  "relation-kind": [{ code: codeOf("relation-kind"), output: edit(codeOf("relation-kind"), '"hasmany"', '"hasMany"'), errors: [error(8)] }],
  "relation-target-exists": [
    {
      code: codeOf("relation-target-exists"),
      // Only the did-you-mean is fixed; 'Letter' has no candidate: creating it is a suggestion (in this file only:
      // ESLint cannot create files).
      output: edit(codeOf("relation-target-exists"), '"Bok"', '"Book"'),
      errors: [
        error(8),
        error(9, {
          suggestions: [
            suggestion(
              "Create model 'Letter' in this file",
              `${codeOf("relation-target-exists")}\nexport class Letter extends SqlModel {\n  static schema = {\n    id: column("increments", undefined, { primary: true }),\n    author_id: column("int"),\n  };\n}\n`,
            ),
          ],
        }),
      ],
    },
  ],
  "belongs-to-foreign-key": [
    {
      code: codeOf("belongs-to-foreign-key"),
      output: null,
      errors: [
        error(16, {
          suggestions: [
            suggestion(
              'Add customer_id: column("int") to Shipment',
              after(
                codeOf("belongs-to-foreign-key"),
                '    customer: relation("belongsTo", "Customer"),',
                '    customer_id: column("int"),',
              ),
            ),
          ],
        }),
      ],
    },
  ],
  "belongs-to-owner-key": [
    {
      code: codeOf("belongs-to-owner-key"),
      output: edit(codeOf("belongs-to-owner-key"), 'ownerKey: "cod"', 'ownerKey: "code"'),
      errors: [
        error(17, {
          suggestions: [
            suggestion(
              'Add cod: column("int") to Customer',
              after(codeOf("belongs-to-owner-key"), '    code: column("string", 32, { unique: true }),', '    cod: column("int"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "has-foreign-key": [
    {
      code: codeOf("has-foreign-key"),
      output: null,
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add team_id: column("int") to Member',
              after(codeOf("has-foreign-key"), '    name: column("string"),', '    team_id: column("int"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "has-local-key": [
    {
      code: codeOf("has-local-key"),
      output: edit(codeOf("has-local-key"), 'localKey: "slugg"', 'localKey: "slug"'),
      errors: [
        error(9, {
          suggestions: [
            suggestion(
              'Add slugg: column("int") to Team',
              after(
                codeOf("has-local-key"),
                '    staff: relation("hasMany", "Member", { foreignKey: "team_slug", localKey: "slugg" }),',
                '    slugg: column("int"),',
              ),
            ),
          ],
        }),
      ],
    },
  ],
  "key-type-compatible": [{ code: codeOf("key-type-compatible"), output: null, errors: [error(16)] }],
  "inverse-consistency": [
    {
      code: codeOf("inverse-consistency"),
      // Both columns exist: switching changes which rows load — a suggestion, never `--fix`.
      output: null,
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              "Replace 'forum_id' with 'board_id'",
              edit(codeOf("inverse-consistency"), '{ foreignKey: "forum_id" }', '{ foreignKey: "board_id" }'),
            ),
          ],
        }),
      ],
    },
  ],
  "pivot-metadata": [
    {
      code: codeOf("pivot-metadata"),
      output: null,
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              "Add pivotTable: 'article_label', pivotLocalKey: 'article_id', pivotForeignKey: 'label_id'",
              edit(
                codeOf("pivot-metadata"),
                'relation("belongsToMany", "Label")',
                'relation("belongsToMany", "Label", { pivotTable: "article_label", pivotLocalKey: "article_id", pivotForeignKey: "label_id" })',
              ),
            ),
          ],
        }),
      ],
    },
  ],
  "pivot-columns": [
    {
      code: codeOf("pivot-columns"),
      output: edit(codeOf("pivot-columns"), '"lable_id"', '"label_id"'),
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add lable_id: column("int") to ArticleLabel',
              after(codeOf("pivot-columns"), '    label_id: column("int"),', '    lable_id: column("int"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "through-model": [{ code: codeOf("through-model"), output: edit(codeOf("through-model"), '"Writr"', '"Writer"'), errors: [error(8)] }],
  "through-keys": [
    {
      code: codeOf("through-keys"),
      output: edit(codeOf("through-keys"), '"cuntry_id"', '"country_id"'),
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add cuntry_id: column("int") to Writer',
              after(codeOf("through-keys"), '    country_id: column("int"),', '    cuntry_id: column("int"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "one-of-many-column": [
    {
      code: codeOf("one-of-many-column"),
      output: edit(codeOf("one-of-many-column"), '"create_at"', '"created_at"'),
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add create_at: column("int") to Story',
              after(codeOf("one-of-many-column"), '    created_at: column("timestamp"),', '    create_at: column("int"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "morph-pivot-columns": [
    {
      code: codeOf("morph-pivot-columns"),
      output: edit(codeOf("morph-pivot-columns"), '"labels_id"', '"label_id"'),
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add labels_id: column("int") to Labelable',
              after(codeOf("morph-pivot-columns"), '    labelable_type: column("string"),', '    labels_id: column("int"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "pivot-using": [{ code: codeOf("pivot-using"), output: edit(codeOf("pivot-using"), '"Membershp"', '"Membership"'), errors: [error(8)] }],
  "constraint-columns": [
    {
      code: codeOf("constraint-columns"),
      output: null,
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add publishd: column("string") to Article',
              after(codeOf("constraint-columns"), '    published: column("boolean"),', '    publishd: column("string"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "mongo-belongs-to-many": [{ code: codeOf("mongo-belongs-to-many"), output: null, errors: [error(8)] }],
  "mongo-reference-array": [
    {
      code: codeOf("mongo-reference-array"),
      output: null,
      errors: [
        error(9, {
          suggestions: [
            suggestion(
              'Add song_ids: column("json") to Playlist',
              after(codeOf("mongo-reference-array"), '    songs: relation("belongsToMany", "Song"),', '    song_ids: column("json"),'),
            ),
          ],
        }),
      ],
    },
  ],
  "morph-name": [
    {
      code: codeOf("morph-name"),
      output: null,
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              "Add morphName: 'reactable'",
              edit(
                codeOf("morph-name"),
                'relation("morphMany", "Reaction")',
                'relation("morphMany", "Reaction", { morphName: "reactable" })',
              ),
            ),
          ],
        }),
      ],
    },
  ],
  "morph-columns": [
    {
      code: codeOf("morph-columns"),
      output: null,
      errors: [8, 8, 17, 17].map((line, i) => {
        const column = i % 2 === 0 ? 'notable_id: column("int")' : 'notable_type: column("string")';
        return error(line, {
          suggestions: [
            suggestion(
              `Add ${column} to Note`,
              after(codeOf("morph-columns"), '    notable: relation("morphTo", "Post", { morphName: "notable" }),', `    ${column},`),
            ),
          ],
        });
      }),
    },
  ],
  "morph-to-parents": [{ code: codeOf("morph-to-parents"), output: null, errors: [error(10)] }],
  "morph-to-target": [
    { code: codeOf("morph-to-target"), output: edit(codeOf("morph-to-target"), '"Commentable"', '"Post"'), errors: [error(18)] },
  ],
  "morph-without-inverse": [
    {
      code: codeOf("morph-without-inverse"),
      output: null,
      errors: [
        error(8, {
          suggestions: [
            suggestion(
              'Add likable: relation("morphTo", "Post", { morphName: "likable" }) to Like',
              after(
                codeOf("morph-without-inverse"),
                '    likable_id: column("int"),',
                '    likable: relation("morphTo", "Post", { morphName: "likable" }),',
              ),
            ),
          ],
        }),
      ],
    },
  ],
  "morph-alias-unique": [{ code: codeOf("morph-alias-unique"), output: null, errors: [error(15)] }],
  "relation-options": [
    {
      code: codeOf("relation-options"),
      output: edit(codeOf("relation-options"), "{ foreignkey:", "{ foreignKey:"),
      errors: [
        error(8),
        error(9, {
          suggestions: [
            suggestion("Remove 'pivotTable'", edit(codeOf("relation-options"), '{ pivotTable: "x", foreignKey', "{ foreignKey")),
          ],
        }),
      ],
    },
  ],
  "option-value-type": [{ code: codeOf("option-value-type"), output: null, errors: [error(8)] }],
  "column-definition": [
    // The span covers `"strng" as never`: only the literal is replaced.
    {
      code: codeOf("column-definition"),
      output: edit(codeOf("column-definition"), 'column("strng" as never)', 'column("string" as never)'),
      errors: [error(8)],
    },
  ],
  "schema-entry": [{ code: codeOf("schema-entry"), output: null, errors: [error(8)] }],
  "cross-store-relation": [{ code: codeOf("cross-store-relation"), output: null, errors: [error(8)] }],
  "database-metadata": [{ code: codeOf("database-metadata"), output: null, errors: [error(14)] }],
  "name-clash": [{ code: codeOf("name-clash"), output: null, errors: [error(10)] }],
  "table-clash": [{ code: codeOf("table-clash"), output: null, errors: [error(13)] }],
  "cannot-verify": [{ code: codeOf("cannot-verify"), output: null, errors: [error(9)] }],
  "model-declaration": [{ code: codeOf("model-declaration"), output: null, errors: [error(4)] }],
  "relation-path": [
    {
      code: codeOf("relation-path"),
      output: edit(codeOf("relation-path"), 'User.with("postz", "posts.autor")', 'User.with("posts", "posts.author")'),
      errors: [error(22), error(22)],
    },
  ],
};

// The clean models and a seed-style file are valid for every rule.
for (const id of Object.keys(plugin.rules)) {
  const invalid = INVALID[id] ?? [];
  tester.run(id, rule(id), {
    valid: [
      { code: CLEAN, filename: file(id) },
      { code: HEADER + sql("Solo", "solos", `    name: column("string", 80),`), filename: file(id) },
    ],
    invalid: invalid.map((c) => ({ filename: file(id), ...c, errors: c.errors.map((e) => ({ ...e, messageId: reportMessageId(id) })) })),
  });
}
