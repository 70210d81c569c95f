"use server";

import { accountInput, ruleActionInput, saveTypeAInput, saveTypeBInput } from "@/lib/schemas/rules";

import { changeOneRule } from "../rules/bulk-rules";
import { checkCapability } from "../rules/capability";
import { saveRule } from "../rules/save-rule";
import { syncNow } from "../rules/sync-now";
import { verificationFile } from "../rules/verification-file";
import { authAction } from "./safe-action";

/** Adds a type-A rule, or edits one: in place where WeChat allows it, else as the confirmed replace. */
export const saveTypeARule = authAction(
  { role: "operator", schema: saveTypeAInput, name: "saveTypeARule", accountOf: (input) => input.accountId },
  async (input, context) => {
    const { accountId: id, mode, confirmReplace, ...values } = input;
    return saveRule(context, id, mode, { kind: "A", ...values }, { confirmReplace });
  },
);

/** Adds a type-B rule, or edits one (always a replace: WeChat edits nothing of it in place). */
export const saveTypeBRule = authAction(
  { role: "operator", schema: saveTypeBInput, name: "saveTypeBRule", accountOf: (input) => input.accountId },
  async (input, context) => {
    const { accountId: id, mode, confirmReplace, fromAppid, ...values } = input;
    return saveRule(context, id, mode, { kind: "B", ...values }, { confirmReplace, fromAppid });
  },
);

/** Publishes one rule; a failure at WeChat is the action's failure. */
export const publishRule = authAction(
  { role: "operator", schema: ruleActionInput, name: "publishRule", accountOf: (input) => input.accountId },
  async (input, context) => changeOneRule(context, input.accountId, "publish", input.rule),
);

/** Deletes one rule at WeChat; a failure there is the action's failure. */
export const deleteRule = authAction(
  { role: "operator", schema: ruleActionInput, name: "deleteRule", accountOf: (input) => input.accountId },
  async (input, context) => changeOneRule(context, input.accountId, "delete", input.rule),
);

/** Reads every rule of the account from WeChat into the local mirror now. */
export const syncRules = authAction(
  { role: "viewer", schema: accountInput, name: "syncRules", accountOf: (input) => input.accountId },
  async (input, context) => syncNow(context, input.accountId),
);

/** Asks WeChat whether the account can use QR-code jump rules (nothing changed at WeChat). */
export const checkAccountCapability = authAction(
  {
    role: "operator",
    schema: accountInput,
    name: "checkAccountCapability",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => ({ capability: await checkCapability(context, input.accountId) }),
);

/** The verification file the Mini Program must serve for its type-A rules. */
export const getVerificationFile = authAction(
  {
    role: "viewer",
    schema: accountInput,
    name: "getVerificationFile",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => verificationFile(context, input.accountId),
);
