import "server-only";

import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";

import type { ActionError, ActionErrorCode } from "@/lib/action-result";
import { type Role, hasRole } from "@/lib/roles";

import { thrownError } from "../actions/failure";
import { type CurrentOperator, getCurrentOperator } from "../auth/session";
import { fieldErrorsOf } from "../input-errors";
import { type RequestContext, requestContext } from "../request-context";

const STATUS: Partial<Record<ActionErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** A JSON error in the one shape server actions use, with the status that fits its code. */
function routeError(error: ActionError): NextResponse {
  return NextResponse.json(
    { error },
    { status: STATUS[error.code] ?? 500, headers: { "cache-control": "no-store" } },
  );
}

const none = z.object({});

/** The query string as an object; an empty value counts as absent, so `?q=` is no filter. */
function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
}

/** The path parameters; a segment that is not valid percent-encoded UTF-8 cannot be decoded and is malformed too. */
async function pathParams(context: { params: Promise<unknown> }): Promise<unknown> {
  try {
    return (await context.params) ?? {};
  } catch {
    return null;
  }
}

/**
 * The route-handler twin of the server-action wrapper: the session and the
 * role are checked, then the path parameters and the query string are parsed
 * with their schemas, before the handler runs. Anything malformed is a 400
 * naming the parameter, in the operator's language; the handler only ever sees
 * parsed values, so nothing unparsed reaches the database, and the same
 * request context server actions get. What the handler throws is answered as
 * an action's failure would be: an ActionFailure with its own error and status,
 * anything else as a generic INTERNAL error (500), never the raw message.
 */
export function authRoute<Q extends z.ZodType = typeof none, P extends z.ZodType = typeof none>(
  options: { role: Role; query?: Q; params?: P },
  handler: (
    request: Request,
    context: { operator: CurrentOperator; context: RequestContext; query: z.output<Q>; params: z.output<P> },
  ) => Promise<Response>,
): (request: Request, context: { params: Promise<unknown> }) => Promise<Response> {
  return async (request, context) => {
    const t = await getTranslations("actionErrors");
    const operator = await getCurrentOperator();
    if (!operator) return routeError({ code: "UNAUTHENTICATED", message: t("unauthenticated") });
    if (!hasRole(operator.role, options.role))
      return routeError({ code: "FORBIDDEN", message: t("forbidden") });

    const params = (options.params ?? none).safeParse(await pathParams(context));
    const query = (options.query ?? none).safeParse(queryOf(request));
    if (!params.success || !query.success) {
      const validation = await getTranslations("validation");
      type Key = Parameters<typeof validation>[0];
      const messages = {
        has: (key: string) => validation.has(key as Key),
        t: (key: string) => validation(key as Key),
      };
      const fieldErrors = {
        ...(params.success ? {} : fieldErrorsOf(params.error, messages)),
        ...(query.success ? {} : fieldErrorsOf(query.error, messages)),
      };
      return routeError({ code: "INVALID_INPUT", message: t("invalidInput"), fieldErrors });
    }
    try {
      return await handler(request, {
        operator,
        context: await requestContext(operator),
        query: query.data as z.output<Q>,
        params: params.data as z.output<P>,
      });
    } catch (error) {
      unstable_rethrow(error);
      return routeError(thrownError(error, "route", t("internal")));
    }
  };
}
