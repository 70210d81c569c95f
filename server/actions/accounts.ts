"use server";

import {
  accountCreateSchema,
  accountIdSchema,
  accountUpdateSchema,
  setAccountDisabledSchema,
} from "@/lib/schemas/accounts";

import * as admin from "../admin/accounts";
import { authAction } from "./safe-action";

/** Adds a WeChat account once WeChat has accepted its credentials. Admins only. */
export const createAccount = authAction(
  { role: "admin", schema: accountCreateSchema, name: "createAccount" },
  async (input, context) =>
    admin.createAccount(context, {
      ...input,
      linkedMiniPrograms: input.kind === "officialaccount" ? input.linkedMiniPrograms : [],
    }),
);

/** Changes an account's name, token mode, links or AppSecret (checked with WeChat). Admins only. */
export const updateAccount = authAction(
  { role: "admin", schema: accountUpdateSchema, name: "updateAccount" },
  async (input, context) => admin.updateAccount(context, input),
);

export const setAccountDisabled = authAction(
  { role: "admin", schema: setAccountDisabledSchema, name: "setAccountDisabled" },
  async (input, context) => admin.setAccountDisabled(context, input.id, input.disabled),
);

/** Forgets an account in this workspace; its rules at WeChat are not touched. Admins only. */
export const deleteAccount = authAction(
  { role: "admin", schema: accountIdSchema, name: "deleteAccount" },
  async (input, context) => admin.deleteAccount(context, input.id),
);
