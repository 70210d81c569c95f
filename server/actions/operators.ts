"use server";

import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";

import { operatorCreateSchema, operatorUpdateSchema, resetOperatorPasswordSchema, setOperatorDisabledSchema, setPasswordSchema } from "@/lib/schemas/operators";

import * as admin from "../admin/operators";
import { getDb } from "../db";
import { env } from "../env";
import { requestRulesContext } from "../rules/context";
import { ActionFailure } from "./failure";
import { authAction, publicAction } from "./safe-action";

/** Where set-password links point: AUTH_URL when set, else the address this request came to. */
async function baseUrl(): Promise<string> {
  if (env.AUTH_URL) return env.AUTH_URL;
  const request = await headers();
  const host = request.get("x-forwarded-host") ?? request.get("host") ?? `localhost:${env.PORT}`;
  const protocol = request.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${protocol}://${host}`;
}

/** Creates an operator, with a password or a one-time set-password link. Admins only. */
export const createOperator = authAction({ role: "admin", schema: operatorCreateSchema, name: "createOperator" }, async (input, { operator }) =>
  admin.createOperator(await requestRulesContext(operator), { ...input, password: input.password ?? "" }, await baseUrl()),
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
  async (input, { operator }) => admin.resetOperatorPassword(await requestRulesContext(operator), input.id, await baseUrl()),
);

/** Sets a password with a one-time link (no session: the link's token is the authority). */
export const setPasswordWithToken = publicAction(setPasswordSchema, async (input) => {
  const done = await admin.setPasswordWithToken(await getDb(), input.token, input.password);
  if (!done) throw new ActionFailure({ code: "NOT_FOUND", message: (await getTranslations("actionErrors"))("linkInvalid") });
  return done;
});
