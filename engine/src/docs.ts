/** Where each rule is documented: its section of engine/docs/rules.md (linked from ESLint meta.docs.url and SARIF helpUri). */
export const RULES_DOC_URL = "https://github.com/eloquent-orm/eloquent/blob/main/engine/docs/rules.md";

/** GitHub's heading anchor for a rule section titled with the rule id. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleId}`;
}
