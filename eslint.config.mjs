import drizzle from "eslint-plugin-drizzle";
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
    // A delete or update without `where` empties or rewrites a whole table: always say which rows.
    // Tests clear whole tables between cases on purpose; product code never does.
    files: ["server/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  // The layers, kept by the linter rather than by memory. Each message says why the line is there.
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server", "@/server/*", "**/server/*", "server-only"],
              message:
                "lib/ is imported by the browser, the server and the sandbox alike: it cannot depend on server-only code.",
            },
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "lib/ is below the UI: move the shared piece into lib/ instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/|(\\.\\./)+)server/(?!actions/)",
              message:
                "Shared components run in the browser: they may call server actions (@/server/actions/*) but never import other server modules.",
            },
            {
              group: ["@/app/*", "**/app/*"],
              message:
                "components/ is shared by the routes: a route's private pieces stay in its _components folder.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/server",
                "@/server/*",
                "@/app/*",
                "@/components/*",
                "**/server/*",
                "**/app/*",
                "**/components/*",
              ],
              message:
                "The sandbox stands in for WeChat: it may share lib/ (schemas, matching) with the product, nothing else, so it cannot pass by leaning on the product's code.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "server/ is below the UI: the routes call the server, never the other way round.",
            },
          ],
        },
      ],
    },
  },
  {
    // The env modules and the start-up hooks are where the environment is read.
    files: [
      "**/env.ts",
      "instrumentation.ts",
      "scripts/**",
      "playwright.config.ts",
      "tests/**",
      "bench/**",
      "*.config.*",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
