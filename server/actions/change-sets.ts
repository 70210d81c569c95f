"use server";

import {
  changeApprovalInput,
  changeSetInput,
  controlChangeSetInput,
  decideChangeSetInput,
  driftInput,
  importRulesInput,
  planSelectionInput,
} from "@/lib/schemas/changesets";

import {
  applyChangeSet as apply,
  controlChangeSet as control,
  decideChangeSet as decide,
  discardChangeSet as discard,
  requestApproval as askApproval,
  setChangeApproval as setApproval,
} from "../changesets/control";
import { adoptDrift as adopt, checkDrift as check } from "../changesets/drift";
import { planImport, planRetry, planRevert, planSelected } from "../changesets/plan-change-set";
import { authAction } from "./safe-action";

/** Reads a rules file and plans it against WeChat's rules now (nothing is changed at WeChat). */
export const importRules = authAction(
  { role: "operator", schema: importRulesInput, name: "importRules", accountOf: (input) => input.accountId },
  async (input, context) => planImport(context, input),
);

/** Plans publishing or deleting the rules chosen in the table, as a change set. */
export const planRuleSelection = authAction(
  {
    role: "operator",
    schema: planSelectionInput,
    name: "planRuleSelection",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => planSelected(context, input),
);

/** Applies a planned change set as a background job (operators, where the account needs no approval; admins). */
export const applyChangeSet = authAction(
  { role: "operator", schema: changeSetInput, name: "applyChangeSet", accountOf: (input) => input.accountId },
  async (input, context) => apply(context, input.accountId, input.changeSetId),
);

/** Asks an admin to approve a planned change set. */
export const requestChangeSetApproval = authAction(
  {
    role: "operator",
    schema: changeSetInput,
    name: "requestChangeSetApproval",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => askApproval(context, input.accountId, input.changeSetId),
);

/** Applies or rejects a change set awaiting approval, with a note. Admins only. */
export const decideChangeSet = authAction(
  {
    role: "admin",
    schema: decideChangeSetInput,
    name: "decideChangeSet",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => decide(context, input),
);

/** Pauses, resumes or cancels a change set being applied. */
export const controlChangeSet = authAction(
  {
    role: "operator",
    schema: controlChangeSetInput,
    name: "controlChangeSet",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => control(context, input),
);

/** Drops a plan that was never applied. */
export const discardChangeSet = authAction(
  {
    role: "operator",
    schema: changeSetInput,
    name: "discardChangeSet",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => discard(context, input.accountId, input.changeSetId),
);

/** Plans the failed (and cancelled) rows of a change set again. */
export const retryChangeSet = authAction(
  { role: "operator", schema: changeSetInput, name: "retryChangeSet", accountOf: (input) => input.accountId },
  async (input, context) => planRetry(context, input),
);

/** Whether operators' change sets of this account wait for an admin's approval. Admins only. */
export const setChangeApproval = authAction(
  {
    role: "admin",
    schema: changeApprovalInput,
    name: "setChangeApproval",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => setApproval(context, input.accountId, input.required),
);

/** Compares WeChat with the account's desired rules now. */
export const checkDrift = authAction(
  { role: "viewer", schema: driftInput, name: "checkDrift", accountOf: (input) => input.accountId },
  async (input, context) => check(context, input.accountId),
);

/** Takes WeChat's rules as they are as the account's desired rules. */
export const adoptDrift = authAction(
  { role: "operator", schema: driftInput, name: "adoptDrift", accountOf: (input) => input.accountId },
  async (input, context) => adopt(context, input.accountId),
);

/** Plans putting WeChat back to the account's desired rules. */
export const planDriftRevert = authAction(
  { role: "operator", schema: driftInput, name: "planDriftRevert", accountOf: (input) => input.accountId },
  async (input, context) => planRevert(context, input.accountId),
);
