import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data*/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "server/db/migrations/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An un-awaited promise loses its error and its ordering: always await or `void` it.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through the validated env module (server/env.ts).",
        },
      ],
    },
  },
  {
    // The env modules and the start-up hooks are where the environment is read.
    files: ["**/env.ts", "instrumentation.ts", "scripts/**", "playwright.config.ts", "tests/**", "bench/**", "*.config.*"],
    rules: { "no-restricted-syntax": "off" },
  },
);
