import "server-only";

import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";

import { type Role, hasRole } from "@/lib/roles";

import { type CurrentOperator, getCurrentOperator } from "../auth/session";

/**
 * The route-handler twin of the server-action wrapper: the session and the
 * role are checked before the handler runs; JSON errors otherwise.
 */
export function authRoute<P>(
  role: Role,
  handler: (request: Request, context: { operator: CurrentOperator; params: P }) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const t = await getTranslations("actionErrors");
    const operator = await getCurrentOperator();
    if (!operator) return NextResponse.json({ error: t("unauthenticated") }, { status: 401 });
    if (!hasRole(operator.role, role)) return NextResponse.json({ error: t("forbidden") }, { status: 403 });
    return handler(request, { operator, params: await context.params });
  };
}
