import "server-only";

import { inArray } from "drizzle-orm";

import { DEMO_ACCOUNTS, DEMO_MERCHANTS, DEMO_PLATFORM } from "@/sandbox/fixtures/demo";

import { createAccountIfAbsent } from "../accounts";
import type { Database } from "../db";
import {
  operatorAccountGrants,
  operators,
  wechatAccountLinks,
  wechatAccounts,
  wechatPlatform,
  wechatPlatformAuthorizers,
} from "../db/schema";
import { createOperatorIfAbsent } from "../operators";
import type { SecretBox } from "../secret-box";

/** Demo-mode operators besides the admin; the README states these credentials. */
export const DEMO_OPERATORS = [
  { email: "operator@demo.local", name: "Demo Operator", role: "operator", password: "operator-demo-2026" },
  { email: "viewer@demo.local", name: "Demo Viewer", role: "viewer", password: "viewer-demo-2026" },
] as const;

/**
 * Demo mode: the demo operators, and the WeChat accounts of the sandbox's demo
 * fixture, given to the demo operator and viewer when they are first created:
 * the accounts managed with their AppSecrets, and beside them the demo third-party
 * platform with the two merchants that authorized it.
 */
export async function seedDemo(db: Database, box: SecretBox): Promise<void> {
  const createdOperators = [];
  for (const operator of DEMO_OPERATORS) {
    if (await createOperatorIfAbsent(db, operator)) createdOperators.push(operator.email);
  }
  for (const account of DEMO_ACCOUNTS) {
    await createAccountIfAbsent(db, box, {
      appid: account.appid,
      kind: account.kind,
      name: account.name.en,
      secret: account.secret,
      linkedMiniPrograms: account.linkedMiniPrograms,
    });
  }
  await seedDemoPlatform(db, box);
  if (createdOperators.length === 0) return;
  const [people, accounts] = await Promise.all([
    db.select({ id: operators.id }).from(operators).where(inArray(operators.email, createdOperators)),
    db
      .select({ id: wechatAccounts.id })
      .from(wechatAccounts)
      .where(
        inArray(wechatAccounts.appid, [
          ...DEMO_ACCOUNTS.map((account) => account.appid),
          ...DEMO_MERCHANTS.map((merchant) => merchant.appid),
        ]),
      ),
  ]);
  const grants = people.flatMap((person) =>
    accounts.map((account) => ({ operatorId: person.id, accountId: account.id })),
  );
  if (grants.length > 0) await db.insert(operatorAccountGrants).values(grants).onConflictDoNothing();
}

/**
 * The demo platform's settings (sealed, like any admin's) and its two authorized merchants, each with the
 * refresh token the sandbox issued it, unless they are there already. Its ticket comes from the sandbox,
 * pushed to the event URL once the dashboard listens (`scripts/demo.ts`).
 */
async function seedDemoPlatform(db: Database, box: SecretBox): Promise<void> {
  await db
    .insert(wechatPlatform)
    .values({
      componentAppid: DEMO_PLATFORM.component_appid,
      secretSealed: box.seal(DEMO_PLATFORM.component_appsecret),
      messageTokenSealed: box.seal(DEMO_PLATFORM.token),
      aesKeySealed: box.seal(DEMO_PLATFORM.encodingAesKey),
    })
    .onConflictDoNothing();
  for (const merchant of DEMO_MERCHANTS) {
    await db.transaction(async (tx) => {
      const [account] = await tx
        .insert(wechatAccounts)
        .values({
          appid: merchant.appid,
          kind: merchant.kind,
          name: merchant.name.en,
          tokenMode: "authorizer",
          secretSealed: null,
        })
        .onConflictDoNothing()
        .returning({ id: wechatAccounts.id });
      if (!account) return;
      await tx.insert(wechatPlatformAuthorizers).values({
        accountId: account.id,
        componentAppid: DEMO_PLATFORM.component_appid,
        refreshTokenSealed: box.seal(merchant.refreshToken),
        permissionSets: merchant.permissionSets,
        serviceType: merchant.kind === "officialaccount" ? 2 : 0,
        verifyType: 0,
        principalName: merchant.name["zh-CN"],
      });
      const links = merchant.linkedMiniPrograms ?? [];
      if (links.length > 0)
        await tx
          .insert(wechatAccountLinks)
          .values(links.map((miniProgramAppid) => ({ accountId: account.id, miniProgramAppid })));
    });
  }
}
