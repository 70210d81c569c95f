import "server-only";

import type { OperatorSessionView } from "@/lib/admin/contract";

import { changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { activeSessions, revokeOperatorSessions } from "../auth/sessions";
import type { RequestContext } from "../request-context";
import { viewOf } from "./operator-views";

/** The operator's sessions that may still be in use, for the Sessions dialog (admins). */
export async function listOperatorSessions(
  context: RequestContext,
  id: string,
): Promise<{ sessions: OperatorSessionView[] }> {
  const current = await viewOf(context, id);
  const sessions = await activeSessions(context.db, current.id);
  return {
    sessions: sessions.map((session) => ({
      id: session.id,
      userAgent: session.userAgent,
      ip: session.ip,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      current: session.id === context.operator.sessionId,
    })),
  };
}

/** Ends every session of an operator ("sign out everywhere"); they must sign in again on every device. */
export async function signOutOperatorEverywhere(
  context: RequestContext,
  id: string,
): Promise<{ ended: number }> {
  const current = await viewOf(context, id);
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => ({ ended: await revokeOperatorSessions(tx, current.id) }),
    ({ ended }) => ({
      operation: "operator.update",
      operator: actor(context),
      outcome: "success",
      request: { id, signOutEverywhere: true },
      result: { ended },
      summary: { key: "operatorSignedOutEverywhere", values: { email: current.email, ended } },
    }),
  );
}
