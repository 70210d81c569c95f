/**
 * Managing operators (admins only) and setting a password through a one-time
 * link: one schema per operation, used by the forms as the admin types and by
 * the server actions. Messages are i18n keys under `validation`.
 */
import { z } from "zod";

import { ROLES } from "../roles";
import { text } from "./text";

/** Password length for new passwords; sign-in accepts up to 1024 characters, so every password set here can sign in. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const OPERATOR_NAME_MAX_LENGTH = 60;
/** The longest address SMTP allows. */
export const EMAIL_MAX_LENGTH = 254;

/** As at sign-in (`signInSchema`): trimmed, then checked; lower-cased because emails are unique regardless of case. */
const email = text("operator.email.required")
  .trim()
  .toLowerCase()
  .min(1, "operator.email.required")
  .max(EMAIL_MAX_LENGTH, "operator.email.tooLong")
  .pipe(z.email("operator.email.invalid"));

const name = text("operator.name.required")
  .trim()
  .min(1, "operator.name.required")
  .max(OPERATOR_NAME_MAX_LENGTH, "operator.name.tooLong");

const role = z.enum(ROLES, "operator.role.invalid");

/** Not trimmed: spaces may be part of a password. */
const newPassword = text("operator.password.tooShort")
  .min(PASSWORD_MIN_LENGTH, "operator.password.tooShort")
  .max(PASSWORD_MAX_LENGTH, "operator.password.tooLong");

/** The WeChat accounts an operator or viewer may use, each once. */
const accountIds = z
  .array(z.uuid("operator.accountIds.invalid"), "operator.accountIds.invalid")
  .transform((ids) => [...new Set(ids)]);

export const operatorCreateSchema = z.object(
  {
    email,
    name,
    role,
    /** Empty: the operator gets a one-time set-password link instead. */
    password: text("operator.password.tooShort")
      .refine((value) => value === "" || value.length >= PASSWORD_MIN_LENGTH, "operator.password.tooShort")
      .max(PASSWORD_MAX_LENGTH, "operator.password.tooLong")
      .default(""),
    /** Ignored for admins, who have every account. */
    accountIds: accountIds.default([]),
  },
  "operator.invalid",
);

export const operatorUpdateSchema = z.object(
  {
    id: z.uuid("operator.invalid"),
    name,
    role,
    /** Ignored for admins, who have every account. */
    accountIds: accountIds.default([]),
  },
  "operator.invalid",
);

export const setOperatorDisabledSchema = z.object(
  {
    id: z.uuid("operator.invalid"),
    disabled: z.boolean("operator.invalid"),
  },
  "operator.invalid",
);

export const resetOperatorPasswordSchema = z.object(
  {
    id: z.uuid("operator.invalid"),
  },
  "operator.invalid",
);

/** An operator's sessions: listing them, or ending them all ("sign out everywhere"). */
export const operatorSessionsSchema = z.object(
  {
    id: z.uuid("operator.invalid"),
  },
  "operator.invalid",
);

/** The public set-password page: the token from the link is the only authority. */
export const setPasswordSchema = z
  .object(
    {
      token: text("operator.token.missing").min(1, "operator.token.missing"),
      password: newPassword,
      confirm: text("operator.confirm.mismatch"),
    },
    "operator.invalid",
  )
  .refine((value) => value.confirm === value.password, {
    error: "operator.confirm.mismatch",
    path: ["confirm"],
    // Also while the password itself is too short: the form shows both problems at once.
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });

export type OperatorCreateInput = z.input<typeof operatorCreateSchema>;
export type OperatorCreateValues = z.output<typeof operatorCreateSchema>;
export type OperatorUpdateInput = z.input<typeof operatorUpdateSchema>;
export type OperatorUpdateValues = z.output<typeof operatorUpdateSchema>;
export type SetOperatorDisabledInput = z.input<typeof setOperatorDisabledSchema>;
export type ResetOperatorPasswordInput = z.input<typeof resetOperatorPasswordSchema>;
export type OperatorSessionsInput = z.input<typeof operatorSessionsSchema>;
export type SetPasswordInput = z.input<typeof setPasswordSchema>;
export type SetPasswordValues = z.output<typeof setPasswordSchema>;
