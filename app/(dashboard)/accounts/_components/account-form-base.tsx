// What the add and edit account forms share: saving, the frame, and the fields both have.
"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import {
  type DefaultValues,
  type FieldValues,
  type Path,
  useController,
  useFormContext,
  useFormState,
} from "react-hook-form";
import type { z } from "zod";

import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/text-field";
import { type ActionForm as ActionFormState, useActionForm } from "@/components/forms/use-action-form";
import { useControlProps } from "@/components/forms/use-control-props";
import type { ActionResult } from "@/lib/action-result";
import type { AccountAdminView, TokenMode } from "@/lib/admin/contract";
import { ruleKeys } from "@/lib/rules/queries";

import { AccountFormFooter } from "./account-form-footer";
import { LinkedMiniProgramsField } from "./linked-mini-programs-field";
import { TokenModeField } from "./token-mode-field";

export interface AccountFormProps {
  onSaved: (account: AccountAdminView) => void;
  onCancel: () => void;
}

/** The fields both forms have, as the shared fields below find them in the form's context. */
interface AccountFields {
  name: string;
  secret: string;
  tokenMode?: TokenMode;
  linkedMiniPrograms?: string[];
}

/**
 * Saving an account (`createAccount` or `updateAccount`): field errors, WeChat's included (40125 on the
 * AppSecret), go on the fields; on success the account's rule queries and the page are refreshed (new
 * credentials or links change what the rules pages may do with it).
 */
export function useAccountForm<TInput extends FieldValues, TValues>({
  toastKey,
  onSaved,
  ...options
}: {
  schema: z.ZodType<TValues, TInput>;
  defaultValues: DefaultValues<TInput>;
  action: (values: TValues) => Promise<ActionResult<{ account: AccountAdminView }>>;
  toastKey: "added" | "saved";
  onSaved: (account: AccountAdminView) => void;
  hidden?: Path<TInput>[];
}): ActionFormState<TInput, TValues> {
  const t = useTranslations("accountsAdmin");
  return useActionForm({
    ...options,
    invalidate: ({ account }) => [ruleKeys.account(account.id)],
    successToast: ({ account }) => t(`toast.${toastKey}`, { name: account.name }),
    refresh: true,
    onSuccess: ({ account }) => onSaved(account),
    unexpected: t("form.unexpected"),
  });
}

interface AccountFormFrameProps<TInput extends FieldValues, TValues> {
  accountForm: ActionFormState<TInput, TValues>;
  note: string;
  /** Saving fetches a token with the credentials first (a new account, or a new AppSecret or token mode). */
  checksWithWeChat: boolean;
  onCancel: () => void;
  testId: string;
  /**
   * The AppSecret field: required for a new account; on edit, typed only to replace the stored one.
   * `platform` instead for an account authorized through the third-party platform: it has neither an
   * AppSecret nor a token mode here, and the form says so.
   */
  secret: { description: string; required?: boolean; placeholder?: string } | "platform";
  /** Only a Service Account links to Mini Programs. */
  linked: boolean;
  /** The AppID and the type: chosen when adding, shown when editing. */
  children: ReactNode;
  /** The account being edited (none while adding), for the failure's "explain this error" link. */
  accountId?: string;
}

/**
 * An account form: the name, the AppID and type (`children`), the AppSecret, the token mode, a Service
 * Account's linked Mini Programs, the failure, and the footer (what saving checks with WeChat, cancel, save).
 */
export function AccountFormFrame<TInput extends FieldValues, TValues>({
  accountForm,
  note,
  checksWithWeChat,
  onCancel,
  testId,
  accountId,
  ...fields
}: AccountFormFrameProps<TInput, TValues>) {
  return (
    <ActionForm
      actionForm={accountForm}
      accountId={accountId}
      testId={testId}
      footer={
        <AccountFormFooter
          note={note}
          pending={accountForm.pending}
          checksWithWeChat={checksWithWeChat}
          onCancel={onCancel}
        />
      }
    >
      <AccountFormFields {...fields} />
    </ActionForm>
  );
}

/** Inside the form, so the fields find it in the context. */
function AccountFormFields({
  secret,
  linked,
  children,
}: Pick<AccountFormFrameProps<FieldValues, unknown>, "secret" | "linked" | "children">) {
  const t = useTranslations("accountsAdmin.form");
  const { register, control } = useFormContext<AccountFields>();
  const tokenMode = useControlProps({ control, name: "tokenMode" });
  return (
    <>
      <TextField
        {...register("name")}
        id="account-name"
        label={t("name.label")}
        description={t("name.help")}
        required
        autoComplete="off"
      />
      {children}
      {secret === "platform" ? (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm" data-testid="account-via-platform">
          {t("viaPlatform")}
        </p>
      ) : (
        <>
          <TextField
            {...register("secret")}
            {...secret}
            id="account-secret"
            label={t("secret.label")}
            type="password"
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            className="font-mono"
          />
          <TokenModeField {...tokenMode} />
        </>
      )}
      {linked ? <LinkedMiniPrograms /> : null}
    </>
  );
}

function LinkedMiniPrograms() {
  const { field } = useController<AccountFields, "linkedMiniPrograms">({ name: "linkedMiniPrograms" });
  const { errors } = useFormState<AccountFields>({ name: "linkedMiniPrograms" });
  return (
    <LinkedMiniProgramsField
      id="account-linked"
      defaultValue={field.value ?? []}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      errors={errors.linkedMiniPrograms}
    />
  );
}
