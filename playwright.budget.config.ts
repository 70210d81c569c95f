import { defineConfig } from "@playwright/test";

import base from "./playwright.config";

/**
 * `npm run bench:js`: the first-load JavaScript of every page against its
 * 200 kB gzip budget, in Chromium, with the same server as the e2e suite.
 * It prints each page's figure and fails over the budget.
 */
export default defineConfig({
  ...base,
  projects: (base.projects ?? []).map((project) =>
    project.name === "chromium" ? { ...project, testMatch: /js-budget\.bench\.ts/ } : project,
  ),
});
