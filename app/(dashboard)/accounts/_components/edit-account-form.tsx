"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { AccountAdminView } from "@/lib/admin/contract";
import { accountUpdateSchema } from "@/lib/schemas/accounts";
import { updateAccount } from "@/server/actions/accounts";

import { AccountFormFrame, type AccountFormProps, useAccountForm } from "./account-form-base";

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
  const accountForm = useAccountForm({
    schema: accountUpdateSchema,
    defaultValues: {
      id: account.id,
      name: account.name,
      secret: "",
      // An account authorized through the platform has no token mode to choose; the server ignores it.
      tokenMode: account.tokenMode === "authorizer" ? "stable" : account.tokenMode,
      linkedMiniPrograms: account.linkedMiniPrograms,
    },
    action: updateAccount,
    toastKey: "saved",
    onSaved,
    hidden: ["id"],
  });
  const [secret, tokenMode] = useWatch({ control: accountForm.form.control, name: ["secret", "tokenMode"] });
  const viaPlatform = account.tokenMode === "authorizer";
  // The server fetches a token with the credentials when either changes.
  const checksWithWeChat = !viaPlatform && ((secret ?? "").trim() !== "" || tokenMode !== account.tokenMode);

  return (
    <AccountFormFrame
      accountForm={accountForm}
      accountId={account.id}
      note={viaPlatform ? t("checkEditPlatform") : t("checkEdit")}
      checksWithWeChat={checksWithWeChat}
      onCancel={onCancel}
      testId="edit-account-form"
      secret={
        viaPlatform
          ? "platform"
          : {
              description: t("secret.keep", { hint: account.secretHint }),
              placeholder: `••••${account.secretHint}`,
            }
      }
      linked={account.kind === "officialaccount"}
    >
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
    </AccountFormFrame>
  );
}
