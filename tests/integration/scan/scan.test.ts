import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { operatorAccountGrants, wechatAccounts } from "@/server/db/schema";
import type { RequestContext } from "@/server/request-context";
import { ActionFailure } from "@/server/actions/failure";
import { saveRule, syncNow } from "@/server/rules";
import { prefixOverlapsFor, simulate } from "@/server/scan/simulate";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { operatorContext } from "@/tests/support/request-context";
import { MINI_PROGRAM, SandboxHarness, typeARule } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

// The simulator, the form's overlap check and 85072's occupant over the real database, with the
// mirror read from the sandbox over HTTP. Two Mini Programs of ours: the shop occupies /coupon?.
const CAMPAIGN = { ...MINI_PROGRAM, appid: "wx3333333333333333", secret: "33333333333333333333333333333333" };
const SHOP_RULES = [
  typeARule("https://shop.example.com/p/", { state: 2, path: "pages/product/detail", open_version: 3 }),
  typeARule("https://shop.example.com/p/new/", { state: 1, path: "pages/product/new" }),
  typeARule("https://shop.example.com/coupon?", { state: 2, permit_sub_rule: 2, path: "pages/coupon/claim" }),
  typeARule("https://shop.example.com/events/", {
    state: 1,
    open_version: 2,
    debug_url: ["https://shop.example.com/events/day1"],
  }),
];

let sandbox: SandboxHarness;
let db: TestDatabase;
let admin: RequestContext;
let operator: RequestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  const box = testBox();
  await createAccountIfAbsent(db.db, box, { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, box, { ...CAMPAIGN, name: "Campaign" });
  for (const account of await db.db.select().from(wechatAccounts)) ids[account.appid] = account.id;
  admin = await operatorContext(db, sandbox.url, {
    email: "root@example.com",
    name: "Root",
    role: "admin",
    password: "root-password-1",
  });
  operator = await operatorContext(db, sandbox.url, {
    email: "ops@example.com",
    name: "Ops",
    role: "operator",
    password: "ops-password-1",
  });
  // The operator was given the campaign only.
  await db.db
    .insert(operatorAccountGrants)
    .values({ operatorId: operator.operator.id, accountId: ids[CAMPAIGN.appid] ?? "" });
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});
beforeEach(async () => {
  await sandbox.reset({
    accounts: [
      { ...MINI_PROGRAM, rules: SHOP_RULES },
      { ...CAMPAIGN, rules: [] },
    ],
  });
  await syncNow(admin, ids[MINI_PROGRAM.appid] ?? "");
  await syncNow(admin, ids[CAMPAIGN.appid] ?? "");
});

describe("the scan simulator", () => {
  it("answers from the mirror of every account the operator may see", async () => {
    const { results, rulesConsidered } = await simulate(
      admin,
      ["https://shop.example.com/p/new/x", "https://shop.example.com/p/9?a=1", "https://other.example.com/"],
      "user",
    );
    expect(rulesConsidered).toBe(4);
    const [unpublished, opens, none] = results;
    expect(unpublished?.rule?.prefix).toBe("https://shop.example.com/p/new/");
    expect(unpublished?.outcome).toMatchObject({
      opens: false,
      reason: "unpublished",
      broaderPublished: { prefix: "https://shop.example.com/p/", accountName: "Shop" },
    });
    expect(unpublished?.othersCount).toBe(1);
    expect(opens?.outcome).toMatchObject({
      opens: true,
      build: "release",
      appid: MINI_PROGRAM.appid,
      path: "pages/product/detail",
      query: { q: encodeURIComponent("https://shop.example.com/p/9?a=1") },
    });
    expect(none?.outcome).toMatchObject({ opens: false, reason: "noRule" });
  });

  it("opens a test link's build for the roles it is for", async () => {
    const [tester] = (await simulate(admin, ["https://shop.example.com/events/day1"], "tester")).results;
    expect(tester?.outcome).toMatchObject({ opens: true, build: "trial", viaTestLink: true });
    const [user] = (await simulate(admin, ["https://shop.example.com/events/day1"], "user")).results;
    expect(user?.outcome).toMatchObject({ opens: false, reason: "roleNotPermitted", testBuild: "trial" });
  });

  it("leaves out the rules of accounts the operator was not given", async () => {
    const { results, rulesConsidered } = await simulate(operator, ["https://shop.example.com/p/9"], "user");
    expect(rulesConsidered).toBe(0);
    expect(results[0]?.outcome).toMatchObject({ opens: false, reason: "noRule" });
  });
});

describe("the rule form's overlap check", () => {
  it("names the rules a prefix would shadow and be shadowed by", async () => {
    const report = await prefixOverlapsFor(
      admin,
      ids[CAMPAIGN.appid] ?? "",
      "https://shop.example.com/",
      undefined,
    );
    expect(report.shadows).toEqual([]);
    expect(report.shadowedByCount).toBe(4);
    const deeper = await prefixOverlapsFor(
      admin,
      ids[CAMPAIGN.appid] ?? "",
      "https://shop.example.com/p/x/",
      undefined,
    );
    expect(deeper.shadows.map((rule) => rule.prefix)).toEqual(["https://shop.example.com/p/"]);
    expect(deeper.shadowedByCount).toBe(0);
  });

  it("does not count the rule being edited against itself", async () => {
    const report = await prefixOverlapsFor(
      admin,
      ids[MINI_PROGRAM.appid] ?? "",
      "https://shop.example.com/p/new/",
      "https://shop.example.com/p/new/",
    );
    expect(report.shadows.map((rule) => rule.prefix)).toEqual(["https://shop.example.com/p/"]);
    expect(report.shadowedBy).toEqual([]);
  });
});

describe("85072 from WeChat", () => {
  const add = (context: RequestContext) =>
    saveRule(context, ids[CAMPAIGN.appid] ?? "", "add", {
      kind: "A",
      prefix: "https://shop.example.com/coupon?from=poster",
      path: "pages/coupon/claim",
      permitSubRule: 1,
      openVersion: 1,
      debugUrls: [],
    });
  const refusal = async (context: RequestContext) => {
    const error = await add(context).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ActionFailure);
    const { error: failure } = error as ActionFailure;
    expect(failure.wechat?.errcode).toBe(85072);
    return failure;
  };

  it("names our own account that occupies the prefix, on the prefix field", async () => {
    const failure = await refusal(admin);
    expect(failure.wechat?.meaning).toBe(
      "Your account Shop occupies it with its rule https://shop.example.com/coupon?.",
    );
    expect(failure.fieldErrors?.prefix?.[0]).toContain("Your account Shop occupies it");
  });

  it("does not name an account the operator was not given", async () => {
    const failure = await refusal(operator);
    expect(failure.wechat?.meaning).toContain("Another account in this console occupies it");
    expect(failure.wechat?.meaning).not.toContain("Shop");
  });

  it("says the prefix is held outside this console when no account of ours holds it", async () => {
    // The shop's rules are gone from the mirror (as after its removal here), WeChat still refuses.
    await db.db.delete(wechatAccounts).where(eq(wechatAccounts.appid, MINI_PROGRAM.appid));
    const failure = await refusal(admin);
    expect(failure.wechat?.meaning).toContain("held outside this console");
  });
});
