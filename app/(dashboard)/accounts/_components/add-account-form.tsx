"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { Controller, useForm, useFormState, useWatch } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { AccountAdminView } from "@/lib/admin/contract";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { AccountKind } from "@/lib/rules/contract";
import {
  type AccountCreateInput,
  type AccountCreateValues,
  accountCreateSchema,
} from "@/lib/schemas/accounts";
import { createAccount } from "@/server/actions/accounts";
import { RadioCardGroup } from "@/components/ui/radio-card-group";

import { AccountFormAlert } from "./account-error";
import { AccountFormFooter } from "./account-form-footer";
import { LinkedMiniProgramsField } from "./linked-mini-programs-field";
import { TokenModeField } from "./token-mode-field";
import { useAccountSave } from "./use-account-save";

export interface AccountFormProps {
  onSaved: (account: AccountAdminView) => void;
  onCancel: () => void;
}

/** A new Mini Program or Service Account; saving checks its credentials with WeChat. */
export function AddAccountForm({ onSaved, onCancel }: AccountFormProps) {
  const t = useTranslations("accountsAdmin.form");
  const message = useValidationMessage();
  const form = useForm<AccountCreateInput, unknown, AccountCreateValues>({
    resolver: zodResolver(accountCreateSchema),
    // The type is left unchosen: it cannot be changed once the account exists.
    defaultValues: { name: "", appid: "", secret: "", tokenMode: "stable", linkedMiniPrograms: [] },
    mode: "onChange",
  });
  const { errors } = useFormState({ control: form.control });
  const kind = useWatch({ control: form.control, name: "kind" });
  const { mutation, failure } = useAccountSave({ setError: form.setError, toastKey: "added", onSaved });

  function chooseKind(next: AccountKind, onChange: (value: AccountKind) => void) {
    onChange(next);
    // A Mini Program links to nothing; the list is hidden, so it must not keep values the admin cannot see.
    if (next === "miniprogram") form.setValue("linkedMiniPrograms", [], { shouldValidate: true });
  }

  return (
    <form
      onSubmit={(event) =>
        void form.handleSubmit((values) => mutation.mutate(() => createAccount(values)))(event)
      }
      noValidate
      className="space-y-6"
      data-testid="add-account-form"
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

      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <RadioCardGroup<AccountKind>
            name={field.name}
            legend={t("kind.label")}
            description={t("kind.help")}
            options={[
              { value: "miniprogram", label: t("kind.miniprogram"), help: t("kind.miniprogramHelp") },
              {
                value: "officialaccount",
                label: t("kind.officialaccount"),
                help: t("kind.officialaccountHelp"),
              },
            ]}
            value={field.value}
            onChange={(next) => chooseKind(next, field.onChange)}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={message(errors.kind?.message)}
          />
        )}
      />

      <FormField
        id="account-appid"
        label={t("appid.label")}
        description={t("appid.help")}
        error={message(errors.appid?.message)}
        required
      >
        <Input
          {...form.register("appid")}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder="wx0123456789abcdef"
          className="font-mono"
        />
      </FormField>

      <FormField
        id="account-secret"
        label={t("secret.label")}
        description={t("secret.help")}
        error={message(errors.secret?.message)}
        required
      >
        <Input
          {...form.register("secret")}
          type="password"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
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

      {kind === "officialaccount" ? (
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
        note={t("checkAdd")}
        pending={mutation.isPending}
        checksWithWeChat
        onCancel={onCancel}
      />
    </form>
  );
}
