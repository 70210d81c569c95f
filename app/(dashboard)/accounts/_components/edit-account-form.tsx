"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { Controller, useForm, useFormState, useWatch } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { AccountAdminView } from "@/lib/admin/contract";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import {
  type AccountUpdateInput,
  type AccountUpdateValues,
  accountUpdateSchema,
} from "@/lib/schemas/accounts";
import { updateAccount } from "@/server/actions/accounts";

import type { AccountFormProps } from "./add-account-form";
import { AccountFormAlert } from "./account-error";
import { AccountFormFooter } from "./account-form-footer";
import { LinkedMiniProgramsField } from "./linked-mini-programs-field";
import { TokenModeField } from "./token-mode-field";
import { useAccountSave } from "./use-account-save";

/**
 * An existing account: its name, token mode, linked Mini Programs and, when
 * one is typed, a new AppSecret. A new AppSecret or token mode is checked with
 * WeChat. The AppID and the type are shown, not edited.
 */
export function EditAccountForm({
  account,
  onSaved,
  onCancel,
}: AccountFormProps & { account: AccountAdminView }) {
  const t = useTranslations("accountsAdmin.form");
  const tKind = useTranslations("accountsAdmin.kind");
  const message = useValidationMessage();
  const form = useForm<AccountUpdateInput, unknown, AccountUpdateValues>({
    resolver: zodResolver(accountUpdateSchema),
    defaultValues: {
      id: account.id,
      name: account.name,
      secret: "",
      // An account authorized through the platform has no token mode to choose; the server ignores it.
      tokenMode: account.tokenMode === "authorizer" ? "stable" : account.tokenMode,
      linkedMiniPrograms: account.linkedMiniPrograms,
    },
    mode: "onChange",
  });
  const { errors } = useFormState({ control: form.control });
  const [secret, tokenMode] = useWatch({ control: form.control, name: ["secret", "tokenMode"] });
  const { mutation, failure } = useAccountSave({ setError: form.setError, toastKey: "saved", onSaved });
  const viaPlatform = account.tokenMode === "authorizer";
  // The server fetches a token with the credentials when either changes.
  const checksWithWeChat = !viaPlatform && ((secret ?? "").trim() !== "" || tokenMode !== account.tokenMode);

  return (
    <form
      onSubmit={(event) =>
        void form.handleSubmit((values) => mutation.mutate(() => updateAccount(values)))(event)
      }
      noValidate
      className="space-y-6"
      data-testid="edit-account-form"
    >
      <FormField
        id="account-name"
        label={t("name.label")}
        description={t("name.help")}
        error={message(errors.name?.message)}
        required
      >
        <Input {...form.register("name")} autoComplete="off" />
      </FormField>

      <div className="grid gap-6 sm:grid-cols-[2fr_1fr]">
        <FormField id="account-appid" label={t("appid.label")} description={t("appid.readOnly")}>
          <Input value={account.appid} readOnly className="font-mono" />
        </FormField>
        <div className="space-y-2">
          <p className="text-sm font-medium leading-none">{t("kind.label")}</p>
          <p className="text-sm" data-testid="account-kind">
            {tKind(account.kind)}
          </p>
        </div>
      </div>

      {viaPlatform ? (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm" data-testid="account-via-platform">
          {t("viaPlatform")}
        </p>
      ) : (
        <>
          <FormField
            id="account-secret"
            label={t("secret.label")}
            description={t("secret.keep", { hint: account.secretHint })}
            error={message(errors.secret?.message)}
          >
            <Input
              {...form.register("secret")}
              type="password"
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              placeholder={`••••${account.secretHint}`}
              className="font-mono"
            />
          </FormField>

          <Controller
            control={form.control}
            name="tokenMode"
            render={({ field }) => (
              <TokenModeField
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={message(errors.tokenMode?.message)}
              />
            )}
          />
        </>
      )}

      {account.kind === "officialaccount" ? (
        <Controller
          control={form.control}
          name="linkedMiniPrograms"
          render={({ field }) => (
            <LinkedMiniProgramsField
              id="account-linked"
              defaultValue={field.value ?? []}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              errors={errors.linkedMiniPrograms}
            />
          )}
        />
      ) : null}

      {failure ? <AccountFormAlert failure={failure} /> : null}

      <AccountFormFooter
        note={viaPlatform ? t("checkEditPlatform") : t("checkEdit")}
        pending={mutation.isPending}
        checksWithWeChat={checksWithWeChat}
        onCancel={onCancel}
      />
    </form>
  );
}
