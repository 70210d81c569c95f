"use client";

import { useTranslations } from "next-intl";

import { TextField } from "@/components/forms/text-field";
import { useControlProps } from "@/components/forms/use-control-props";
import { RadioCardGroup } from "@/components/ui/radio-card-group";
import type { AccountKind } from "@/lib/rules/contract";
import { accountCreateSchema } from "@/lib/schemas/accounts";
import { createAccount } from "@/server/actions/accounts";

import { AccountFormFrame, type AccountFormProps, useAccountForm } from "./account-form-base";

/** A new Mini Program or Service Account; saving checks its credentials with WeChat. */
export function AddAccountForm({ onSaved, onCancel }: AccountFormProps) {
  const t = useTranslations("accountsAdmin.form");
  const accountForm = useAccountForm({
    schema: accountCreateSchema,
    // The type is left unchosen: it cannot be changed once the account exists.
    defaultValues: { name: "", appid: "", secret: "", tokenMode: "stable", linkedMiniPrograms: [] },
    action: createAccount,
    toastKey: "added",
    onSaved,
  });
  const { form } = accountForm;
  const kind = useControlProps({ control: form.control, name: "kind" });

  function chooseKind(next: AccountKind) {
    kind.onChange(next);
    // A Mini Program links to nothing; the list is hidden, so it must not keep values the admin cannot see.
    if (next === "miniprogram") form.setValue("linkedMiniPrograms", [], { shouldValidate: true });
  }

  return (
    <AccountFormFrame
      accountForm={accountForm}
      note={t("checkAdd")}
      checksWithWeChat
      onCancel={onCancel}
      testId="add-account-form"
      secret={{ description: t("secret.help"), required: true }}
      linked={kind.value === "officialaccount"}
    >
      <RadioCardGroup<AccountKind>
        {...kind}
        onChange={chooseKind}
        legend={t("kind.label")}
        description={t("kind.help")}
        options={[
          { value: "miniprogram", label: t("kind.miniprogram"), help: t("kind.miniprogramHelp") },
          { value: "officialaccount", label: t("kind.officialaccount"), help: t("kind.officialaccountHelp") },
        ]}
      />

      <TextField
        {...form.register("appid")}
        id="account-appid"
        label={t("appid.label")}
        description={t("appid.help")}
        required
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        placeholder="wx0123456789abcdef"
        className="font-mono"
      />
    </AccountFormFrame>
  );
}
