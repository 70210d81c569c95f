import { defineConfig } from "@playwright/test";

import base from "./playwright.config";

/**
 * `npm run bench:search`: the rules table's search latency, from the last keystroke to the matching
 * rows, in Chromium, with the same server as the e2e suite. Prints the figures; fails over 300 ms.
 */
export default defineConfig({
  ...base,
  projects: (base.projects ?? []).map((project) =>
    project.name === "chromium" ? { ...project, testMatch: /search-latency\.bench\.ts/ } : project,
  ),
});
