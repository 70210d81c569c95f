/**
 * The dialog that adds an account or edits one:
 * `<AccountFormDialog target={{ mode: "edit", account }} open={open} onOpenChange={setOpen} />`.
 * After a save the page is refreshed from the server and the dialog closes itself.
 */
"use client";

import { useTranslations } from "next-intl";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { AccountAdminView } from "@/lib/admin/contract";

import { AddAccountForm } from "./add-account-form";
import { EditAccountForm } from "./edit-account-form";

export type AccountFormTarget = { mode: "add" } | { mode: "edit"; account: AccountAdminView };

export function AccountFormDialog({
  target,
  open,
  onOpenChange,
}: {
  target: AccountFormTarget;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("accountsAdmin.form");
  const close = () => onOpenChange(false);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("close")} className="sm:max-w-2xl" data-testid="account-form-dialog">
        <DialogHeader>
          <DialogTitle>{target.mode === "add" ? t("titleAdd") : t("titleEdit")}</DialogTitle>
          <DialogDescription>
            {target.mode === "add"
              ? t("descriptionAdd")
              : t("descriptionEdit", { name: target.account.name })}
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from the account's current values. */}
        {target.mode === "add" ? (
          <AddAccountForm onSaved={close} onCancel={close} />
        ) : (
          <EditAccountForm account={target.account} onSaved={close} onCancel={close} />
        )}
      </DialogContent>
    </Dialog>
  );
}
