/**
 * The inputs of the change-set actions: import a file, plan a selection, apply, decide, control.
 * Messages are i18n keys under `validation`.
 */
import { z } from "zod";

import { MAX_IMPORT_BYTES } from "../changesets/contract";
import { MAX_BULK } from "../rules/contract";
import { APPID_PATTERN } from "../wechat/ids";
import { text } from "./text";

const accountId = z.uuid("rule.invalid");
const changeSetId = z.uuid("changeSets.invalid");

/** The largest base64 text a file of MAX_IMPORT_BYTES encodes to. */
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

/** `importRules`: a rules file for one account, base64-encoded, and whether rules not in it are deleted. */
export const importRulesInput = z.object(
  {
    accountId,
    fileName: text("changeSets.fileName").min(1, "changeSets.fileName").max(255, "changeSets.fileName"),
    content: z
      .string("changeSets.fileMissing")
      .min(1, "changeSets.fileMissing")
      .max(MAX_BASE64 + 4, "changeSets.fileTooLarge")
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "changeSets.fileMissing"),
    deleteMissing: z.boolean("changeSets.invalid"),
  },
  "changeSets.invalid",
);

/** `planSelection`: publish or delete the rules chosen in the table, as a change set. */
export const planSelectionInput = z.object(
  {
    accountId,
    operation: z.enum(["publish", "delete"], "changeSets.invalid"),
    rules: z
      .array(
        z.object(
          {
            prefix: text("rule.invalid").min(1, "rule.invalid").max(1024, "rule.invalid"),
            targetAppid: text("rule.invalid").regex(APPID_PATTERN, "rule.invalid").optional(),
          },
          "rule.invalid",
        ),
        "rule.invalid",
      )
      .min(1, "rule.invalid")
      .max(MAX_BULK * 100, "rule.invalid"),
  },
  "changeSets.invalid",
);

/** The actions on one change set (apply, ask for approval, discard, retry its failed rows). */
export const changeSetInput = z.object({ accountId, changeSetId }, "changeSets.invalid");

/** `decideChangeSet`: an admin applies or rejects a change set awaiting approval, with a note. */
export const decideChangeSetInput = z.object(
  {
    accountId,
    changeSetId,
    approve: z.boolean("changeSets.invalid"),
    note: text("changeSets.note").max(500, "changeSets.noteTooLong"),
  },
  "changeSets.invalid",
);

/** `controlChangeSet`: pause, resume or cancel a running change set. */
export const controlChangeSetInput = z.object(
  { accountId, changeSetId, command: z.enum(["pause", "resume", "cancel"], "changeSets.invalid") },
  "changeSets.invalid",
);

/** `setChangeApproval`: whether an operator's change sets of this account wait for an admin. */
export const changeApprovalInput = z.object(
  { accountId, required: z.boolean("changeSets.invalid") },
  "changeSets.invalid",
);

/** The drift actions of one account (check now, adopt what WeChat has, plan a revert). */
export const driftInput = z.object({ accountId }, "changeSets.invalid");

export type ImportRulesInput = z.input<typeof importRulesInput>;
