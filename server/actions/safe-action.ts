import "server-only";

import { unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";

import type { ActionError, ActionErrorCode, ActionResult } from "@/lib/action-result";
import { type Role, hasRole } from "@/lib/roles";

import { type CurrentOperator, getCurrentOperator } from "../auth/session";
import { recordRefusal } from "../activity/events";
import { getDb } from "../db";
import { visibleAccount } from "../access/grants";
import { fieldErrorsOf } from "../input-errors";
import { type RequestContext, requestContext } from "../request-context";
import { ActionFailure, thrownError } from "./failure";
import { collectWarnings } from "./warnings";

export { ActionFailure };

type Translate = (key: string) => string;

/** A refused call, for the activity log. */
export interface Refusal {
  operator: CurrentOperator;
  action: string;
  reason: "role" | "account";
  accountId: string | null;
}

export interface ActionEnvironment<C> {
  /** The signed-in, enabled operator of this request, or null. */
  currentOperator(): Promise<CurrentOperator | null>;
  /** The context handed to the handler, built once the operator is let through. */
  context(operator: CurrentOperator): Promise<C>;
  /** Whether the operator may act on this WeChat account (admins: every account; others: those given to them). */
  mayAccessAccount?(operator: CurrentOperator, accountId: string): Promise<boolean>;
  /** Records a refusal in the activity log. */
  recordRefusal?(refusal: Refusal): Promise<void>;
  /** Translators for the `actionErrors` and `validation` namespaces, in the operator's language. */
  translators(): Promise<{ errors: Translate; validation: { has(key: string): boolean; t: Translate } }>;
}

function failure(code: ActionErrorCode, message: string, fieldErrors?: ActionError["fieldErrors"]) {
  return { ok: false as const, error: fieldErrors ? { code, message, fieldErrors } : { code, message } };
}

/** Builds the action wrapper over a request environment (tests supply their own). */
export function createAuthAction<C>(environment: ActionEnvironment<C>) {
  return function authAction<S extends z.ZodType, T>(
    options: {
      role: Role;
      schema: S;
      /** The action's name in the activity log when it is refused. */
      name: string;
      /** The WeChat account the call acts on: the operator must have been given it. */
      accountOf?: (input: z.output<S>) => string;
    },
    handler: (input: z.output<S>, context: C) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    const refuse = async (operator: CurrentOperator, reason: Refusal["reason"], accountId: string | null) => {
      try {
        await environment.recordRefusal?.({ operator, action: options.name, reason, accountId });
      } catch (error) {
        console.error("[action] could not record a refusal:", error instanceof Error ? error.message : error);
      }
    };
    return async (input) => {
      const { errors, validation } = await environment.translators();
      const operator = await environment.currentOperator();
      if (!operator) return failure("UNAUTHENTICATED", errors("unauthenticated"));
      if (!hasRole(operator.role, options.role)) {
        // The entry names the account the request was about, when its input says so.
        const named = options.schema.safeParse(input);
        await refuse(
          operator,
          "role",
          named.success && options.accountOf ? options.accountOf(named.data) : null,
        );
        return failure("FORBIDDEN", errors("forbidden"));
      }

      const parsed = options.schema.safeParse(input);
      if (!parsed.success)
        return failure("INVALID_INPUT", errors("invalidInput"), fieldErrorsOf(parsed.error, validation));

      if (options.accountOf) {
        const accountId = options.accountOf(parsed.data);
        if (!environment.mayAccessAccount || !(await environment.mayAccessAccount(operator, accountId))) {
          await refuse(operator, "account", accountId);
          return failure("FORBIDDEN", errors("accountForbidden"));
        }
      }

      try {
        const context = await environment.context(operator);
        const { value, warnings } = await collectWarnings(() => handler(parsed.data, context));
        return warnings.length > 0
          ? { ok: true, data: value, warning: warnings.join(" ") }
          : { ok: true, data: value };
      } catch (error) {
        unstable_rethrow(error);
        return { ok: false, error: thrownError(error, "action", errors("internal")) };
      }
    };
  };
}

/**
 * The one exception to authAction: an action anyone may call because the
 * input itself is the authority (a one-time set-password token). Input is
 * parsed and errors are shaped exactly as authAction does.
 */
export function publicAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  const run = createAuthAction<null>({
    ...requestEnvironment,
    currentOperator: async () => ({ id: "", email: "", name: "", role: "viewer" }),
    context: async () => null,
  });
  return run({ role: "viewer", schema, name }, (input) => handler(input));
}

/** The request of a server action inside Next.js: session, grants, activity log, messages. */
const requestEnvironment: ActionEnvironment<RequestContext> = {
  currentOperator: getCurrentOperator,
  context: requestContext,
  async mayAccessAccount(operator, accountId) {
    return (await visibleAccount(await getDb(), operator, accountId)) !== null;
  },
  async recordRefusal(refusal) {
    await recordRefusal(await getDb(), refusal);
  },
  async translators() {
    const [errors, validation] = await Promise.all([
      getTranslations("actionErrors"),
      getTranslations("validation"),
    ]);
    type ErrorKey = Parameters<typeof errors>[0];
    type ValidationKey = Parameters<typeof validation>[0];
    return {
      errors: (key) => errors(key as ErrorKey),
      validation: {
        has: (key) => validation.has(key as ValidationKey),
        t: (key) => validation(key as ValidationKey),
      },
    };
  },
};

/**
 * THE way to write a server action. A server action is a public POST endpoint,
 * so before anything else this checks the session (the operator is re-read from
 * the database), the required role, and the input against the operation's
 * schema; the handler only ever sees parsed input and the request context of
 * a permitted operator.
 */
export const authAction = createAuthAction(requestEnvironment);
