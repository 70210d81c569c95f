"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast, toastWarning } from "@/components/ui/toaster";
import { useActionErrorText } from "@/components/wechat/wechat-failure";
import type { AccountAdminView } from "@/lib/admin/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { deleteAccount, setAccountDisabled } from "@/server/actions/accounts";

/**
 * Confirms and runs disabling, enabling and deleting an account. Deleting asks
 * for the AppID to be typed, and says plainly that nothing at WeChat changes:
 * only this workspace forgets the account and its local copy of the rules.
 */
export function useAccountConfirmations(): {
  toggleDisabled: (account: AccountAdminView) => void;
  remove: (account: AccountAdminView) => void;
  dialog: ReactNode;
} {
  const t = useTranslations("accountsAdmin");
  const describe = useActionErrorText();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { confirm, dialog } = useConfirmDialog();

  const toggleDisabled = useCallback(
    (account: AccountAdminView) => {
      const disabling = !account.disabled;
      const step = disabling ? "disable" : "enable";
      confirm({
        title: t(`${step}.title`, { name: account.name }),
        description: t(`${step}.description`),
        confirmLabel: t(`${step}.confirm`),
        cancelLabel: t("form.cancel"),
        destructive: disabling,
        unexpectedErrorMessage: t("error.unexpected"),
        onConfirm: async () => {
          const result = await setAccountDisabled({ id: account.id, disabled: disabling });
          if (!result.ok) return { error: describe(result.error) };
          toastWarning(result);
          await queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
          toast.success(
            t(disabling ? "toast.disabled" : "toast.enabled", { name: result.data.account.name }),
          );
          router.refresh();
        },
      });
    },
    [confirm, describe, queryClient, router, t],
  );

  const remove = useCallback(
    (account: AccountAdminView) => {
      confirm({
        title: t("delete.title", { name: account.name }),
        description: (
          <div className="space-y-2">
            <p>
              {t.rich("delete.description", {
                appid: account.appid,
                count: account.mirroredRules,
                code: (chunks) => <code className="font-mono text-foreground">{chunks}</code>,
              })}
            </p>
            <p className="font-medium text-foreground">{t("delete.wechatUntouched")}</p>
          </div>
        ),
        typeToConfirm: account.appid,
        typeToConfirmLabel: t("delete.typeLabel"),
        confirmLabel: t("delete.confirm"),
        cancelLabel: t("form.cancel"),
        destructive: true,
        unexpectedErrorMessage: t("error.unexpected"),
        onConfirm: async () => {
          const result = await deleteAccount({ id: account.id });
          if (!result.ok) return { error: describe(result.error) };
          toastWarning(result);
          queryClient.removeQueries({ queryKey: ruleKeys.account(account.id) });
          toast.success(t("toast.deleted", { name: account.name }));
          router.refresh();
        },
      });
    },
    [confirm, describe, queryClient, router, t],
  );

  return { toggleDisabled, remove, dialog };
}
