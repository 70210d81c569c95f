import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { authenticate } from "@/server/auth/authenticate";
import { LOCK_MS } from "@/server/auth/throttle";
import { operators } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createOperatorIfAbsent(handle.db, {
    email: "Ops@Example.com",
    name: "Ops",
    role: "operator",
    password: "correct horse battery",
  });
  await createOperatorIfAbsent(handle.db, {
    email: "gone@example.com",
    name: "Gone",
    role: "viewer",
    password: "correct horse battery",
  });
  const { eq } = await import("drizzle-orm");
  await handle.db.update(operators).set({ disabled: true }).where(eq(operators.email, "gone@example.com"));
});

afterAll(async () => {
  await handle.close();
});

describe("authenticate", () => {
  it("accepts the right password, whatever the case of the email", async () => {
    const result = await authenticate(handle.db, {
      email: "  OPS@example.com ",
      password: "correct horse battery",
      ip: "127.0.0.1",
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.operator.name).toBe("Ops");
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled operator", async () => {
    const wrong = await authenticate(handle.db, { email: "ops@example.com", password: "nope", ip: null });
    const unknown = await authenticate(handle.db, { email: "who@example.com", password: "nope", ip: null });
    const disabled = await authenticate(handle.db, {
      email: "gone@example.com",
      password: "correct horse battery",
      ip: null,
    });
    expect([wrong, unknown, disabled]).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
  });

  it("refuses the sixth attempt within a minute, even with the right password, until the lock ends", async () => {
    const start = new Date("2030-01-01T00:00:00Z");
    const at = (ms: number) => new Date(start.getTime() + ms);
    const email = "locked@example.com";
    await createOperatorIfAbsent(handle.db, { email, name: "L", role: "viewer", password: "the right one!" });

    for (let i = 0; i < 5; i++) {
      const result = await authenticate(
        handle.db,
        { email, password: `wrong-${i}`, ip: null },
        at(i * 5_000),
      );
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await authenticate(handle.db, { email, password: "the right one!", ip: null }, at(30_000));
    expect(sixth).toEqual({ ok: false, reason: "locked" });

    const stillLocked = await authenticate(
      handle.db,
      { email, password: "the right one!", ip: null },
      at(LOCK_MS),
    );
    expect(stillLocked).toEqual({ ok: false, reason: "locked" });

    const afterLock = await authenticate(
      handle.db,
      { email, password: "the right one!", ip: null },
      at(20_000 + LOCK_MS + 1_000),
    );
    expect(afterLock.ok).toBe(true);
  });

  it("does not lock for five failures spread over more than a minute", async () => {
    const start = new Date("2031-01-01T00:00:00Z");
    const email = "slow@example.com";
    await createOperatorIfAbsent(handle.db, { email, name: "S", role: "viewer", password: "the right one!" });
    for (let i = 0; i < 6; i++) {
      const result = await authenticate(
        handle.db,
        { email, password: "wrong", ip: null },
        new Date(start.getTime() + i * 20_000),
      );
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const ok = await authenticate(
      handle.db,
      { email, password: "the right one!", ip: null },
      new Date(start.getTime() + 121_000),
    );
    expect(ok.ok).toBe(true);
  });
});

describe("authenticate under parallel attempts", () => {
  it("verifies at most five passwords of 200 sent at once for one email; the right one, sent last, is refused", async () => {
    const { eq } = await import("drizzle-orm");
    const { activityEntries } = await import("@/server/db/schema");
    const email = "burst@example.com";
    await createOperatorIfAbsent(handle.db, { email, name: "B", role: "viewer", password: "the right one!" });
    // A second pool to the same database, as a second instance of the product has.
    const other = await handle.openAnother();
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          authenticate(i % 2 === 0 ? handle.db : other.db, {
            email,
            password: i === 199 ? "the right one!" : `wrong-${i}`,
            ip: null,
          }),
        ),
      );
      expect(results.at(-1)).toEqual({ ok: false, reason: "locked" });
      expect(results.filter((result) => result.ok)).toHaveLength(0);

      const entries = await handle.db
        .select({ operation: activityEntries.operation })
        .from(activityEntries)
        .where(eq(activityEntries.operatorEmail, email));
      const tally = (operation: string) => entries.filter((entry) => entry.operation === operation).length;
      expect(tally("auth.signIn")).toBe(0);
      expect(tally("auth.signInFailed")).toBeLessThanOrEqual(5);
      expect(tally("auth.signInFailed") + tally("auth.signInRefused")).toBe(200);
      expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(
        tally("auth.signInFailed"),
      );
    } finally {
      await other.close();
    }
  });
});
