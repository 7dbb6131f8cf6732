// A user's typed flat config: must type-check against the plugin's published types (test/eslint/conventions.test.ts).
import tseslint from "typescript-eslint";
import eloquent from "eslint-plugin-eloquent";

export default tseslint.config(
  eloquent.configs.recommended,
  eloquent.configs.all,
  { rules: { "eloquent/cross-store-relation": "off" } },
  ...tseslint.configs.recommended,
);

// The plugin object fits ESLint's plugin slot too.
export const withPlugin = tseslint.config({ plugins: { eloquent }, rules: { "eloquent/relation-target-exists": "error" } });
