// Lint rules for src/, scripts/, test/ and bin/: typescript-eslint's recommended set, nothing switched off wholesale.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules/", "output/", "dist/", "reports/", ".stryker-tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
  // No line over 120 columns (prettier's printWidth): prettier leaves long strings and comments, this rule finds them.
  { files: ["**/*.ts", "**/*.mjs", "**/*.js", "**/*.cjs"], rules: { "max-len": ["error", { code: 120 }] } },
  // The web edition's one script runs in the reader's browser.
  { files: ["templates/web/*.js"], languageOptions: { globals: globals.browser } },
);
