"use client";

import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** Cancel and "Save account", with what saving does; while saving, says whether WeChat is being asked. */
export function AccountFormFooter({
  note,
  pending,
  checksWithWeChat,
  onCancel,
}: {
  note: string;
  pending: boolean;
  /** Saving fetches a token with the credentials first (a new account, or a new AppSecret). */
  checksWithWeChat: boolean;
  onCancel: () => void;
}) {
  const t = useTranslations("accountsAdmin.form");
  return (
    <div className="flex flex-col gap-3 border-t pt-4 sm:flex-row sm:items-center sm:justify-end">
      <p className="text-xs text-muted-foreground sm:mr-auto" data-testid="account-form-check-note">
        {note}
      </p>
      <div className="flex shrink-0 flex-col-reverse gap-2 sm:flex-row">
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          {t("cancel")}
        </Button>
        <Button type="submit" pending={pending}>
          {pending ? (checksWithWeChat ? t("checking") : t("saving")) : t("submit")}
        </Button>
      </div>
    </div>
  );
}
