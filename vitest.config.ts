import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React Server Components by design; tests run
      // server modules directly in Node, which is exactly where they belong.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth", "next-intl"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
