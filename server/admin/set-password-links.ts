import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { and, eq, gt, isNull } from "drizzle-orm";

import type { SetPasswordLink } from "@/lib/admin/contract";

import { changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { hashPassword } from "../auth/password";
import { revokeOperatorSessions } from "../auth/sessions";
import type { Database, Transaction } from "../db";
import { operators, passwordSetTokens } from "../db/schema";
import type { RequestContext } from "../request-context";
import { viewOf } from "./operator-views";

/** How long a set-password link works. */
export const SET_PASSWORD_LINK_HOURS = 24;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time link to set a password; earlier unused links of the operator stop working. */
export async function issueLink(
  tx: Transaction,
  operatorId: string,
  baseUrl: string,
): Promise<SetPasswordLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3_600_000);
  await tx.delete(passwordSetTokens).where(eq(passwordSetTokens.operatorId, operatorId));
  await tx.insert(passwordSetTokens).values({ tokenHash: hashToken(token), operatorId, expiresAt });
  return {
    url: `${baseUrl.replace(/\/$/, "")}/set-password?token=${token}`,
    expiresAt: expiresAt.toISOString(),
  };
}

export async function resetOperatorPassword(
  context: RequestContext,
  id: string,
  baseUrl: string,
): Promise<{ setPasswordLink: SetPasswordLink }> {
  const current = await viewOf(context, id);
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => ({ setPasswordLink: await issueLink(tx, id, baseUrl) }),
    () => ({
      operation: "operator.update",
      operator: actor(context),
      outcome: "success",
      request: { id, passwordReset: true },
      summary: { key: "operatorPasswordReset", values: { email: current.email } },
    }),
  );
}

/** Sets a password with a one-time link's token; the link then stops working. Null when the token is not valid. */
export async function setPasswordWithToken(
  db: Database,
  token: string,
  password: string,
): Promise<{ email: string } | null> {
  const passwordHash = await hashPassword(password);
  return changeWithActivity(
    db,
    newActionId(),
    async (tx) => {
      const [link] = await tx
        .update(passwordSetTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(passwordSetTokens.tokenHash, hashToken(token)),
            isNull(passwordSetTokens.usedAt),
            gt(passwordSetTokens.expiresAt, new Date()),
          ),
        )
        .returning({ operatorId: passwordSetTokens.operatorId });
      if (!link) return null;
      const [person] = await tx
        .update(operators)
        .set({ passwordHash })
        .where(eq(operators.id, link.operatorId))
        .returning({ id: operators.id, email: operators.email, name: operators.name });
      if (!person) return null;
      // Whoever holds a session of the old password is signed out, the link's user included.
      await revokeOperatorSessions(tx, person.id);
      return person;
    },
    (person) =>
      person && {
        operation: "operator.update",
        operator: { id: person.id, email: person.email, name: person.name },
        outcome: "success",
        summary: { key: "passwordSet", values: { email: person.email } },
      },
  ).then((person) => (person ? { email: person.email } : null));
}
