"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastWarning } from "@/components/ui/toaster";
import { useActionErrorText } from "@/components/wechat/wechat-failure";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { deleteRule } from "@/server/actions/rules";

import { toRuleRef } from "./rule-ref";

/**
 * Confirms and runs the deletion of one rule. Deleting a published rule breaks QR codes already
 * printed, so then the operator types the prefix before the button works; WeChat's refusal stays
 * in the dialog. A selection is deleted through a change set instead.
 */
export function useDeleteDialog({
  account,
  onFinished,
}: {
  account: AccountView;
  onFinished: (rule: MirroredRule) => void;
}): { remove: (rule: MirroredRule) => void; dialog: ReactNode } {
  const t = useTranslations("rules.delete");
  const tCommon = useTranslations("common");
  const tError = useTranslations("rules.error");
  const describe = useActionErrorText();
  const queryClient = useQueryClient();
  const { confirm, dialog } = useConfirmDialog();

  const remove = useCallback(
    (rule: MirroredRule) => {
      const published = rule.state === 2;
      // A published rule's prefix is typed before the button works.
      const typeToConfirm = published
        ? {
            typeToConfirm: rule.prefix,
            typeToConfirmLabel: (
              <span>
                {t("typePrefix")} <code className="break-all font-mono font-normal">{rule.prefix}</code>
              </span>
            ),
          }
        : {};
      confirm({
        title: t("titleOne"),
        description: (
          <div className="space-y-2">
            <p>
              {t.rich("descriptionOne", {
                prefix: rule.prefix,
                code: (chunks) => <code className="break-all font-mono text-foreground">{chunks}</code>,
              })}
            </p>
            {published ? (
              <>
                <p className="font-medium text-destructive">{t("publishedOne")}</p>
                <p>{t("noRefund")}</p>
              </>
            ) : (
              <p>{t("unpublishedOne")}</p>
            )}
          </div>
        ),
        confirmLabel: t("confirmOne"),
        cancelLabel: tCommon("cancel"),
        destructive: true,
        unexpectedErrorMessage: tError("unexpected"),
        callsWeChat: true,
        ...typeToConfirm,
        onConfirm: async () => {
          const result = await deleteRule({ accountId: account.id, rule: toRuleRef(account, rule) });
          if (!result.ok) return { error: describe(result.error) };
          toastWarning(result);
          await queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
          onFinished(rule);
        },
      });
    },
    [account, onFinished, confirm, describe, queryClient, t, tCommon, tError],
  );

  return { remove, dialog };
}
