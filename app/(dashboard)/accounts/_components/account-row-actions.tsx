"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";

import { DeferredRowActions } from "@/components/ui/row-actions-trigger";
import type { AccountAdminView } from "@/lib/admin/contract";

export interface AccountActionHandlers {
  onEdit: (account: AccountAdminView) => void;
  onToggleDisabled: (account: AccountAdminView) => void;
  onDelete: (account: AccountAdminView) => void;
}

const loadMenu = () => import("./account-row-actions-menu");
const AccountRowActionsMenu = lazy(() =>
  loadMenu().then((module) => ({ default: module.AccountRowActionsMenu })),
);

/** Edit, disable or enable, and delete one account. */
export function AccountRowActions({
  account,
  ...handlers
}: { account: AccountAdminView } & AccountActionHandlers) {
  const t = useTranslations("accountsAdmin.rowActions");
  return (
    <DeferredRowActions
      label={t("label", { name: account.name })}
      testId="account-row-actions"
      preload={loadMenu}
    >
      <AccountRowActionsMenu account={account} {...handlers} />
    </DeferredRowActions>
  );
}
