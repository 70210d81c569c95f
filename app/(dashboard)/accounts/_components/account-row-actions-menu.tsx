"use client";

import { Pencil, Power, PowerOff, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { RowActionsMenu } from "@/components/ui/row-actions-menu";
import type { AccountAdminView } from "@/lib/admin/contract";

import type { AccountActionHandlers } from "./account-row-actions";

/** The menu itself, loaded on the first click of a row's "…" button. */
export function AccountRowActionsMenu({
  account,
  onEdit,
  onToggleDisabled,
  onDelete,
}: { account: AccountAdminView } & AccountActionHandlers) {
  const t = useTranslations("accountsAdmin.rowActions");
  return (
    <RowActionsMenu label={t("label", { name: account.name })} testId="account-row-actions" defaultOpen>
      <DropdownMenuItem onSelect={() => onEdit(account)}>
        <Pencil aria-hidden />
        {t("edit")}
      </DropdownMenuItem>
      <DropdownMenuItem onSelect={() => onToggleDisabled(account)}>
        {account.disabled ? <Power aria-hidden /> : <PowerOff aria-hidden />}
        {account.disabled ? t("enable") : t("disable")}
      </DropdownMenuItem>
      <DropdownMenuSeparator />
      <DropdownMenuItem variant="destructive" onSelect={() => onDelete(account)}>
        <Trash2 aria-hidden />
        {t("delete")}
      </DropdownMenuItem>
    </RowActionsMenu>
  );
}
