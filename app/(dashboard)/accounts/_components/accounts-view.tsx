"use client";

import { Link2, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, Suspense, lazy, useCallback, useMemo, useState } from "react";

import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { useOpenedOnce } from "@/components/ui/deferred";
import type { AccountAdminView } from "@/lib/admin/contract";

import type { AccountFormTarget } from "./account-form-dialog";
import type { AccountActionHandlers } from "./account-row-actions";
import { AccountRowsProvider, accountColumns } from "./accounts-columns";
import { AccountsEmpty } from "./accounts-empty";
import { useAccountConfirmations } from "./use-account-confirmations";

// The forms (react-hook-form, zod) load when the dialog is first opened, not with the page.
const AccountFormDialog = lazy(() =>
  import("./account-form-dialog").then((module) => ({ default: module.AccountFormDialog })),
);
const AuthorizeMerchantDialog = lazy(() =>
  import("./authorize-merchant-dialog").then((module) => ({ default: module.AuthorizeMerchantDialog })),
);

/**
 * The Accounts page: the table of WeChat accounts and, for those who may
 * change them, adding, editing, disabling and deleting. `accounts` comes from
 * the server component; every change refreshes it through `router.refresh()`.
 */
export function AccountsView({
  accounts,
  canEdit,
  notice,
}: {
  accounts: AccountAdminView[];
  canEdit: boolean;
  /** What came of an authorization through the platform, after WeChat's page sent the admin back. */
  notice?: ReactNode;
}) {
  const t = useTranslations();
  const [formTarget, setFormTarget] = useState<AccountFormTarget>({ mode: "add" });
  const [formOpen, setFormOpen] = useState(false);
  const formOpened = useOpenedOnce(formOpen);
  const [authorizeOpen, setAuthorizeOpen] = useState(false);
  const authorizeOpened = useOpenedOnce(authorizeOpen);
  const { toggleDisabled, remove, dialog } = useAccountConfirmations();

  const openAdd = useCallback(() => {
    setFormTarget({ mode: "add" });
    setFormOpen(true);
  }, []);

  const handlers = useMemo<AccountActionHandlers>(
    () => ({
      onEdit: (account) => {
        setFormTarget({ mode: "edit", account });
        setFormOpen(true);
      },
      onToggleDisabled: toggleDisabled,
      onDelete: remove,
    }),
    [toggleDisabled, remove],
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("pages.accounts.title")}
        description={t("pages.accounts.description")}
        // The empty state has its own button; one "Add account" at a time.
        actions={
          canEdit ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setAuthorizeOpen(true)}>
                <Link2 aria-hidden />
                {t("platform.authorize.open")}
              </Button>
              {accounts.length > 0 ? (
                <Button onClick={openAdd}>
                  <Plus aria-hidden />
                  {t("accountsAdmin.page.add")}
                </Button>
              ) : null}
            </div>
          ) : null
        }
      />
      {notice}
      <AccountRowsProvider canEdit={canEdit} handlers={handlers}>
        <DataTable
          columns={accountColumns(canEdit)}
          data={accounts}
          getRowId={(account) => account.id}
          caption={t("accountsAdmin.page.caption")}
          empty={<AccountsEmpty canEdit={canEdit} onAdd={openAdd} />}
        />
      </AccountRowsProvider>
      {canEdit && formOpened ? (
        <Suspense fallback={null}>
          <AccountFormDialog target={formTarget} open={formOpen} onOpenChange={setFormOpen} />
        </Suspense>
      ) : null}
      {canEdit && authorizeOpened ? (
        <Suspense fallback={null}>
          <AuthorizeMerchantDialog open={authorizeOpen} onOpenChange={setAuthorizeOpen} />
        </Suspense>
      ) : null}
      {dialog}
    </div>
  );
}
