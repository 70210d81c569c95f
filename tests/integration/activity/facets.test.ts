import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { activityFacetsFor } from "@/server/activity/facets";
import { newActionId, recordActivity } from "@/server/activity/record";
import type { CurrentOperator } from "@/server/auth/session";
import { operatorAccountGrants, operators, wechatAccounts } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

// The real database: who may be named in the activity page's operator filter.
let db: TestDatabase;
const people: Record<string, CurrentOperator> = {};

async function person(
  email: string,
  role: CurrentOperator["role"],
  accountIds: string[],
): Promise<CurrentOperator> {
  await createOperatorIfAbsent(db.db, {
    email,
    name: email.split("@")[0] ?? email,
    role,
    password: `${role}-password-123`,
  });
  const [row] = await db.db.select().from(operators).where(eq(operators.email, email));
  if (!row) throw new Error("no operator");
  if (accountIds.length > 0)
    await db.db
      .insert(operatorAccountGrants)
      .values(accountIds.map((accountId) => ({ operatorId: row.id, accountId })));
  return { id: row.id, email: row.email, name: row.name, role };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await createAccountIfAbsent(db.db, testBox(), { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, testBox(), { ...SERVICE_ACCOUNT, name: "News" });
  const accounts = await db.db.select().from(wechatAccounts);
  const shop = accounts.find((account) => account.appid === MINI_PROGRAM.appid);
  const news = accounts.find((account) => account.appid === SERVICE_ACCOUNT.appid);
  if (!shop || !news) throw new Error("no accounts");
  people.admin = await person("admin@example.com", "admin", []);
  people.shopOperator = await person("shop-op@example.com", "operator", [shop.id]);
  people.newsOperator = await person("news-op@example.com", "operator", [news.id]);
  people.shopViewer = await person("shop-viewer@example.com", "viewer", [shop.id]);
  people.idle = await person("idle@example.com", "viewer", [shop.id]);
  people.nobody = await person("nobody@example.com", "viewer", []);
  const acted = async (who: CurrentOperator, account: typeof shop) =>
    recordActivity(db.db, newActionId(), {
      operation: "rules.sync",
      operator: { id: who.id, email: who.email, name: who.name },
      account: { id: account.id, appid: account.appid, name: account.name },
      outcome: "success",
    });
  await acted(people.shopOperator, shop);
  await acted(people.newsOperator, news);
  // A sign-in has no account: it must not put its operator in anyone else's filter.
  await recordActivity(db.db, newActionId(), {
    operation: "auth.signIn",
    operator: {
      id: people.newsOperator.id,
      email: people.newsOperator.email,
      name: people.newsOperator.name,
    },
    outcome: "success",
  });
});
afterAll(async () => {
  await db.close();
});

const emailsFor = async (who: CurrentOperator | undefined) => {
  if (!who) throw new Error("unknown operator");
  return (await activityFacetsFor(db.db, who)).operators.map((operator) => operator.email).sort();
};

describe("the activity page's operator filter", () => {
  it("offers a viewer only themself and those who acted on accounts the viewer may read", async () => {
    expect(await emailsFor(people.shopViewer)).toEqual(["shop-op@example.com", "shop-viewer@example.com"]);
  });

  it("offers an operator without the other account nobody from it", async () => {
    expect(await emailsFor(people.shopOperator)).toEqual(["shop-op@example.com"]);
    expect(await emailsFor(people.newsOperator)).toEqual(["news-op@example.com"]);
  });

  it("offers someone with no accounts only themself", async () => {
    expect(await emailsFor(people.nobody)).toEqual(["nobody@example.com"]);
  });

  it("offers an admin every operator", async () => {
    expect(await emailsFor(people.admin)).toHaveLength(6);
  });
});
