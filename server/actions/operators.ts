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
import { requestRulesContext } from "../rules/context";
import { ActionFailure } from "./failure";
import { authAction, publicAction } from "./safe-action";

/** Creates an operator, with a password or a one-time set-password link. Admins only. */
export const createOperator = authAction({ role: "admin", schema: operatorCreateSchema, name: "createOperator" }, async (input, { operator }) =>
  admin.createOperator(await requestRulesContext(operator), { ...input, password: input.password ?? "" }, publicUrl()),
);

export const updateOperator = authAction({ role: "admin", schema: operatorUpdateSchema, name: "updateOperator" }, async (input, { operator }) =>
  admin.updateOperator(await requestRulesContext(operator), input),
);

export const setOperatorDisabled = authAction(
  { role: "admin", schema: setOperatorDisabledSchema, name: "setOperatorDisabled" },
  async (input, { operator }) => admin.setOperatorDisabled(await requestRulesContext(operator), input.id, input.disabled),
);

export const resetOperatorPassword = authAction(
  { role: "admin", schema: resetOperatorPasswordSchema, name: "resetOperatorPassword" },
  async (input, { operator }) => admin.resetOperatorPassword(await requestRulesContext(operator), input.id, publicUrl()),
);

/** The operator's sessions that may still be in use. Admins only. */
export const listOperatorSessions = authAction(
  { role: "admin", schema: operatorSessionsSchema, name: "listOperatorSessions" },
  async (input, { operator }) => admin.listOperatorSessions(await requestRulesContext(operator), input.id),
);

/** Ends every session of an operator. Admins only. */
export const signOutOperatorEverywhere = authAction(
  { role: "admin", schema: operatorSessionsSchema, name: "signOutOperatorEverywhere" },
  async (input, { operator }) => admin.signOutOperatorEverywhere(await requestRulesContext(operator), input.id),
);

/** Sets a password with a one-time link (no session: the link's token is the authority). */
export const setPasswordWithToken = publicAction(setPasswordSchema, async (input) => {
  const done = await admin.setPasswordWithToken(await getDb(), input.token, input.password);
  if (!done) throw new ActionFailure({ code: "NOT_FOUND", message: (await getTranslations("actionErrors"))("linkInvalid") });
  return done;
});
