import { test as setup } from "@playwright/test";

import { DEMO, signInFromScratch, storageState } from "./support";

// Signs each demo operator in once; the specs start from these saved sessions.
for (const who of ["admin", "viewer"] as const) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signInFromScratch(page, DEMO[who]);
    await page.context().storageState({ path: storageState(who) });
  });
}
