"use client";

import { MoreHorizontal, Pencil, Power, PowerOff, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { AccountAdminView } from "@/lib/admin/contract";

export interface AccountActionHandlers {
  onEdit: (account: AccountAdminView) => void;
  onToggleDisabled: (account: AccountAdminView) => void;
  onDelete: (account: AccountAdminView) => void;
}

/** Edit, disable or enable, and delete one account. */
export function AccountRowActions({
  account,
  onEdit,
  onToggleDisabled,
  onDelete,
}: { account: AccountAdminView } & AccountActionHandlers) {
  const t = useTranslations("accountsAdmin.rowActions");
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={t("label", { name: account.name })}
          data-testid="account-row-actions"
        >
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
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
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
