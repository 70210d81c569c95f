import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_MERCHANT_BOOKSHOP, DEMO_MERCHANT_CAFE, DEMO_PLATFORM } from "@/sandbox/fixtures/demo";
import { accountViews } from "@/server/admin/accounts";
import type { CurrentOperator } from "@/server/auth/session";
import { seedDemo } from "@/server/demo/seed";
import * as rules from "@/server/rules";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { EventEndpoint, contextFor, createTestAdmin } from "@/tests/support/platform";
import { SandboxHarness } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

// Demo mode's platform, as `npm run demo` wires it: the sandbox's demo fixture, the product's demo seed, the
// platform's event URL pointed at the product and its tickets turned on. A real database and the sandbox.
let sandbox: SandboxHarness;
let endpoint: EventEndpoint;
let handle: TestDatabase;
let admin: CurrentOperator;
const box = testBox();

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await createTestAdmin(handle.db);
  sandbox = await SandboxHarness.start();
  await sandbox.reset({ fixture: "demo" });
  const context = contextFor(handle, sandbox.url, admin);
  endpoint = await EventEndpoint.start({ db: handle.db, box, wechat: context.wechat });
  await seedDemo(handle.db, box);
  await seedDemo(handle.db, box); // a restart seeds nothing twice
});
afterAll(async () => {
  await endpoint.close();
  await sandbox.close();
  await handle.close();
});

describe("the demo platform", () => {
  it("shows two merchants authorized through the platform beside the direct demo accounts", async () => {
    const views = await accountViews(handle.db, box);
    expect(views.filter((view) => view.platform === null).length).toBeGreaterThanOrEqual(4);
    expect(views.find((view) => view.appid === DEMO_MERCHANT_CAFE.appid)).toMatchObject({
      kind: "miniprogram",
      tokenMode: "authorizer",
      platform: { permissionSets: [18], missing: [] },
    });
    expect(views.find((view) => view.appid === DEMO_MERCHANT_BOOKSHOP.appid)).toMatchObject({
      kind: "officialaccount",
      linkedMiniPrograms: [DEMO_MERCHANT_CAFE.appid],
      platform: { permissionSets: [3], missing: [{ feature: "linkMiniPrograms", set: 33 }] },
    });
  });

  it("reads the café's rules with authorizer tokens once the sandbox pushes its ticket", async () => {
    const patched = await sandbox.control("PATCH", `platforms/${DEMO_PLATFORM.component_appid}`, {
      eventUrl: endpoint.url,
      autoTicket: true,
    });
    expect(patched.status).toBe(200);
    const context = contextFor(handle, sandbox.url, admin);
    const cafe = (await accountViews(handle.db, box)).find((view) => view.appid === DEMO_MERCHANT_CAFE.appid);
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await rules.syncNow(context, cafe?.id ?? "");
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error; // the ticket push may still be on its way
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect((await rules.rulePage(context, cafe?.id ?? "", {})).rows).toMatchObject([
      { prefix: "https://cafe.example.com/menu/", state: 2 },
    ]);
  });
});
