/**
 * Adding and editing WeChat accounts (admins only): the schemas the Accounts
 * page's form validates with as the admin types, and the server actions parse
 * with before anything reaches WeChat. Messages are i18n keys under
 * `validation`. Text is trimmed: AppIDs and AppSecrets are pasted from the
 * WeChat console, where a stray space comes along easily.
 */
import { z } from "zod";

import type { TokenMode } from "../admin/contract";
import { type AccountKind, MINI_PROGRAM_APPID } from "../rules/contract";
import { text } from "./text";

/** A Mini Program's or Service Account's AppID: `wx` and 16 lowercase hex digits. */
export const ACCOUNT_APPID = MINI_PROGRAM_APPID;

/** WeChat AppSecrets are 32 lowercase hex digits. */
export const APP_SECRET = /^[0-9a-f]{32}$/;

export const MAX_ACCOUNT_NAME_LENGTH = 60;
export const MAX_LINKED_MINI_PROGRAMS = 50;

export const ACCOUNT_KINDS = ["miniprogram", "officialaccount"] as const satisfies readonly AccountKind[];
export const TOKEN_MODES = ["stable", "classic"] as const satisfies readonly TokenMode[];

/**
 * A trimmed string with one message at a time: empty, or else the first rule it breaks. Refinements
 * rather than `.min()`, whose length check would also fire on an array sent in place of a string.
 */
function textField(empty: string, problem: (value: string) => string | null) {
  return text(empty)
    .trim()
    .superRefine((value, ctx) => {
      const message = value === "" ? empty : problem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    });
}

const nameField = textField("account.name.empty", (name) =>
  name.length > MAX_ACCOUNT_NAME_LENGTH ? "account.name.tooLong" : null,
);

const appidField = textField("account.appid.empty", (appid) =>
  ACCOUNT_APPID.test(appid) ? null : "account.appid.format",
);

const secretField = textField("account.secret.empty", (secret) =>
  APP_SECRET.test(secret) ? null : "account.secret.format",
);

/** On edit an empty AppSecret keeps the stored one. */
const optionalSecretField = text("account.secret.format")
  .trim()
  .refine((secret) => secret === "" || APP_SECRET.test(secret), "account.secret.format");

const kindField = z.enum(ACCOUNT_KINDS, "account.kind");

const tokenModeField = z.enum(TOKEN_MODES, "account.tokenMode").default("stable");

// Runs while another entry is malformed too, so the admin sees every problem at once.
const whenList = { when: (payload: z.core.ParsePayload) => Array.isArray(payload.value) };

const linkedField = z
  .array(
    text("account.linked.format").trim().regex(ACCOUNT_APPID, "account.linked.format"),
    "account.invalid",
  )
  .max(MAX_LINKED_MINI_PROGRAMS, "account.linked.tooMany")
  .superRefine((appids: unknown[], ctx) => {
    const seen = new Set<string>();
    appids.forEach((appid, index) => {
      if (typeof appid !== "string" || !ACCOUNT_APPID.test(appid)) return;
      if (seen.has(appid))
        ctx.addIssue({ code: "custom", message: "account.linked.duplicate", path: [index] });
      seen.add(appid);
    });
  }, whenList)
  .default([]);

function hasLinkedMiniPrograms(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { kind, linkedMiniPrograms } = value as Record<string, unknown>;
  return kind === "miniprogram" && Array.isArray(linkedMiniPrograms) && linkedMiniPrograms.length > 0;
}

/** The input of `createAccount`, and the Add account form. */
export const accountCreateSchema = z
  .object({
    name: nameField,
    appid: appidField,
    kind: kindField,
    secret: secretField,
    tokenMode: tokenModeField,
    linkedMiniPrograms: linkedField,
  })
  .superRefine(
    (account, ctx) => {
      // Only a Service Account opens Mini Programs by QR code (type-B rules); a Mini Program links to nothing.
      if (account.kind === "miniprogram" && account.linkedMiniPrograms.length > 0)
        ctx.addIssue({ code: "custom", message: "account.linked.miniProgram", path: ["linkedMiniPrograms"] });
    },
    { when: (payload) => hasLinkedMiniPrograms(payload.value) },
  );

/**
 * The input of `updateAccount`, and the Edit account form. The AppID and the
 * kind never change (add another account instead); the server keeps a Mini
 * Program's linked list empty, since the kind is not part of this input.
 */
export const accountUpdateSchema = z.object({
  id: z.uuid("account.invalid"),
  name: nameField,
  secret: optionalSecretField,
  tokenMode: tokenModeField,
  linkedMiniPrograms: linkedField,
});

/** The input of `deleteAccount`. */
export const accountIdSchema = z.object({ id: z.uuid("account.invalid") }, "account.invalid");

/** The input of `setAccountDisabled`. */
export const setAccountDisabledSchema = z.object(
  { id: z.uuid("account.invalid"), disabled: z.boolean("account.invalid") },
  "account.invalid",
);

export type AccountCreateInput = z.input<typeof accountCreateSchema>;
export type AccountCreateValues = z.output<typeof accountCreateSchema>;
export type AccountUpdateInput = z.input<typeof accountUpdateSchema>;
export type AccountUpdateValues = z.output<typeof accountUpdateSchema>;
