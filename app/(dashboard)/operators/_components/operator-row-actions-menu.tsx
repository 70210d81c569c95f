"use client";

import { KeyRound, MonitorSmartphone, Pencil, UserCheck, UserX } from "lucide-react";
import { useTranslations } from "next-intl";

import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { RowActionsMenu } from "@/components/ui/row-actions-menu";
import type { OperatorView } from "@/lib/admin/contract";

import type { OperatorActionHandlers } from "./operator-row-actions";

/** The menu itself, loaded on the first click of a row's "…" button. */
export function OperatorRowActionsMenu({
  operator,
  resetting,
  onEdit,
  onResetPassword,
  onToggleDisabled,
  onSessions,
}: { operator: OperatorView; resetting: boolean } & OperatorActionHandlers) {
  const t = useTranslations("operatorsAdmin.rowActions");
  return (
    <RowActionsMenu label={t("label", { email: operator.email })} testId="operator-row-actions" defaultOpen>
      <DropdownMenuItem onSelect={() => onEdit(operator)}>
        <Pencil aria-hidden />
        {t("edit")}
      </DropdownMenuItem>
      <DropdownMenuItem disabled={resetting} onSelect={() => onResetPassword(operator)}>
        <KeyRound aria-hidden />
        {t("resetPassword")}
      </DropdownMenuItem>
      <DropdownMenuItem onSelect={() => onSessions(operator)}>
        <MonitorSmartphone aria-hidden />
        {t("sessions")}
      </DropdownMenuItem>
      <DropdownMenuSeparator />
      {operator.disabled ? (
        <DropdownMenuItem onSelect={() => onToggleDisabled(operator)}>
          <UserCheck aria-hidden />
          {t("enable")}
        </DropdownMenuItem>
      ) : (
        <DropdownMenuItem variant="destructive" onSelect={() => onToggleDisabled(operator)}>
          <UserX aria-hidden />
          {t("disable")}
        </DropdownMenuItem>
      )}
    </RowActionsMenu>
  );
}
