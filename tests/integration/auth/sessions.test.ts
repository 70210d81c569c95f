import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import * as people from "@/server/admin/operators";
import { listActivity } from "@/server/activity/queries";
import type { CurrentOperator } from "@/server/auth/session";
import {
  LAST_SEEN_EVERY_MS,
  createSession,
  liveSession,
  revokeOperatorSessions,
  revokeSession,
} from "@/server/auth/sessions";
import { operatorSessions, operators } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import type { RequestContext, RequestMessages } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { clientFor, testBox } from "@/tests/support/wechat";

// The real database: which sessions survive sign-out, password resets, disabling and "sign out everywhere".
let db: TestDatabase;
let admin: CurrentOperator;

const translate: RequestMessages = (key) => MESSAGES.en.actionErrors[key];
const contextFor = (operator: CurrentOperator): RequestContext => ({
  db: db.db,
  box: testBox(),
  // Never called: operator management makes no WeChat call.
  wechat: clientFor(db, "http://127.0.0.1:9"),
  operator,
  locale: "en",
  t: translate,
});

async function person(email: string, role: CurrentOperator["role"]): Promise<CurrentOperator> {
  await createOperatorIfAbsent(db.db, {
    email,
    name: email.split("@")[0] ?? email,
    role,
    password: `${role}-password-123`,
  });
  const [row] = await db.db.select().from(operators).where(eq(operators.email, email));
  if (!row) throw new Error("no operator");
  return { id: row.id, email: row.email, name: row.name, role };
}

const signedIn = (who: CurrentOperator, userAgent = "Test Browser") =>
  createSession(db.db, { operatorId: who.id, userAgent, ip: "192.0.2.1" });
const live = async (who: CurrentOperator, sessionId: string) =>
  (await liveSession(db.db, sessionId, who.id)) !== null;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await person("root@example.com", "admin");
});
afterAll(async () => {
  await db.close();
});

describe("server-side sessions", () => {
  it("ends one session at sign-out and leaves the operator's others", async () => {
    const who = await person("one@example.com", "viewer");
    const [first, second] = [await signedIn(who), await signedIn(who)];
    expect(await live(who, first)).toBe(true);
    await revokeSession(db.db, first);
    expect(await live(who, first)).toBe(false);
    expect(await live(who, second)).toBe(true);
  });

  it("is only good for the operator it was made for", async () => {
    const who = await person("owner@example.com", "viewer");
    const other = await person("other@example.com", "viewer");
    const session = await signedIn(who);
    expect(await live(other, session)).toBe(false);
    expect(await live(who, "not-a-session-id")).toBe(false);
  });

  it("ends every other session on a password change, keeping the one that changed it", async () => {
    const who = await person("changer@example.com", "operator");
    const [mine, stolen] = [await signedIn(who), await signedIn(who)];
    expect(await revokeOperatorSessions(db.db, who.id, { except: mine })).toBe(1);
    expect(await live(who, mine)).toBe(true);
    expect(await live(who, stolen)).toBe(false);
  });

  it("ends every session of the operator when they set a password through a link", async () => {
    const who = await person("reset@example.com", "operator");
    const sessions = [await signedIn(who), await signedIn(who)];
    const { setPasswordLink } = await people.resetOperatorPassword(
      contextFor(admin),
      who.id,
      "http://localhost:3000",
    );
    const token = new URL(setPasswordLink.url).searchParams.get("token") ?? "";
    expect(await people.setPasswordWithToken(db.db, token, "a-brand-new-password")).toEqual({
      email: who.email,
    });
    for (const session of sessions) expect(await live(who, session)).toBe(false);
  });

  it("ends every session of an operator who is disabled", async () => {
    const who = await person("gone@example.com", "viewer");
    const session = await signedIn(who);
    await people.setOperatorDisabled(contextFor(admin), who.id, true);
    expect(await live(who, session)).toBe(false);
    await people.setOperatorDisabled(contextFor(admin), who.id, false);
    expect(await live(who, session)).toBe(false);
  });

  it("lets an admin list an operator's sessions and sign them out everywhere, in the activity log", async () => {
    const who = await person("everywhere@example.com", "operator");
    const [phone, laptop] = [await signedIn(who, "Phone"), await signedIn(who, "Laptop")];
    const listed = await people.listOperatorSessions(
      { ...contextFor(admin), operator: { ...admin, sessionId: laptop } },
      who.id,
    );
    expect(listed.sessions.map((session) => [session.userAgent, session.ip, session.current]).sort()).toEqual(
      [
        ["Laptop", "192.0.2.1", true],
        ["Phone", "192.0.2.1", false],
      ],
    );

    expect(await people.signOutOperatorEverywhere(contextFor(admin), who.id)).toEqual({ ended: 2 });
    expect(await live(who, phone)).toBe(false);
    expect(await live(who, laptop)).toBe(false);
    expect((await people.listOperatorSessions(contextFor(admin), who.id)).sessions).toEqual([]);

    const logged = await listActivity(
      db.db,
      admin,
      { operator: admin.id, operation: "operator.update" },
      (key) => key,
    );
    expect(logged.rows[0]).toMatchObject({ outcome: "success", summary: "operatorSignedOutEverywhere" });
  });

  it("writes last_seen_at at most once a minute", async () => {
    const who = await person("seen@example.com", "viewer");
    const start = new Date();
    const session = await createSession(db.db, { operatorId: who.id, userAgent: null, ip: null }, start);
    const seen = async () =>
      (
        await db.db.select().from(operatorSessions).where(eq(operatorSessions.id, session))
      )[0]?.lastSeenAt.getTime();
    await liveSession(db.db, session, who.id, new Date(start.getTime() + LAST_SEEN_EVERY_MS - 1));
    expect(await seen()).toBe(start.getTime());
    await liveSession(db.db, session, who.id, new Date(start.getTime() + LAST_SEEN_EVERY_MS));
    expect(await seen()).toBe(start.getTime() + LAST_SEEN_EVERY_MS);
  });
});
