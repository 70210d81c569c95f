"use server";

import { getTranslations } from "next-intl/server";

import {
  operatorCreateSchema,
  operatorSessionsSchema,
  operatorUpdateSchema,
  resetOperatorPasswordSchema,
  setOperatorDisabledSchema,
  setPasswordSchema,
} from "@/lib/schemas/operators";

import * as admin from "../admin/operators";
import { publicUrl } from "../client-address";
import { getDb } from "../db";
import { ActionFailure } from "./failure";
import { authAction, publicAction } from "./safe-action";

/** Creates an operator, with a password or a one-time set-password link. Admins only. */
export const createOperator = authAction(
  { role: "admin", schema: operatorCreateSchema, name: "createOperator" },
  async (input, context) =>
    admin.createOperator(context, { ...input, password: input.password ?? "" }, publicUrl()),
);

export const updateOperator = authAction(
  { role: "admin", schema: operatorUpdateSchema, name: "updateOperator" },
  async (input, context) => admin.updateOperator(context, input),
);

export const setOperatorDisabled = authAction(
  { role: "admin", schema: setOperatorDisabledSchema, name: "setOperatorDisabled" },
  async (input, context) => admin.setOperatorDisabled(context, input.id, input.disabled),
);

export const resetOperatorPassword = authAction(
  { role: "admin", schema: resetOperatorPasswordSchema, name: "resetOperatorPassword" },
  async (input, context) => admin.resetOperatorPassword(context, input.id, publicUrl()),
);

/** The operator's sessions that may still be in use. Admins only. */
export const listOperatorSessions = authAction(
  { role: "admin", schema: operatorSessionsSchema, name: "listOperatorSessions" },
  async (input, context) => admin.listOperatorSessions(context, input.id),
);

/** Ends every session of an operator. Admins only. */
export const signOutOperatorEverywhere = authAction(
  { role: "admin", schema: operatorSessionsSchema, name: "signOutOperatorEverywhere" },
  async (input, context) => admin.signOutOperatorEverywhere(context, input.id),
);

/** Sets a password with a one-time link (no session: the link's token is the authority). */
export const setPasswordWithToken = publicAction("setPasswordWithToken", setPasswordSchema, async (input) => {
  const done = await admin.setPasswordWithToken(await getDb(), input.token, input.password);
  if (!done)
    throw new ActionFailure({
      code: "NOT_FOUND",
      message: (await getTranslations("actionErrors"))("linkInvalid"),
    });
  return done;
});
