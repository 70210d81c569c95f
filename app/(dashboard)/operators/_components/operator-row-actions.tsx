"use client";

import { KeyRound, MoreHorizontal, Pencil, UserCheck, UserX } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { OperatorView } from "@/lib/admin/contract";

export interface OperatorActionHandlers {
  onEdit: (operator: OperatorView) => void;
  onResetPassword: (operator: OperatorView) => void;
  onToggleDisabled: (operator: OperatorView) => void;
}

/** Edit, reset the password of, and disable or enable one operator. */
export function OperatorRowActions({
  operator,
  resetting,
  onEdit,
  onResetPassword,
  onToggleDisabled,
}: { operator: OperatorView; resetting: boolean } & OperatorActionHandlers) {
  const t = useTranslations("operatorsAdmin.rowActions");
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={t("label", { email: operator.email })}
          data-testid="operator-row-actions"
        >
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => onEdit(operator)}>
          <Pencil aria-hidden />
          {t("edit")}
        </DropdownMenuItem>
        <DropdownMenuItem disabled={resetting} onSelect={() => onResetPassword(operator)}>
          <KeyRound aria-hidden />
          {t("resetPassword")}
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
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
