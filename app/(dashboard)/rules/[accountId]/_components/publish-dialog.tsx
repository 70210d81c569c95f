"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { TermHelp } from "@/components/help/term-help";
import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastWarning } from "@/components/ui/toaster";
import { useActionErrorText } from "@/components/wechat/wechat-failure";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { publishRule } from "@/server/actions/rules";

import { toRuleRef } from "./rule-ref";

/**
 * Confirms and runs the publish of one rule. Publishing spends the Mini Program's monthly quota, so
 * the dialog says how much is left before anything is sent; WeChat's refusal stays in the dialog.
 * A selection is published through a change set instead.
 */
export function usePublishDialog({
  account,
  publishQuota,
  onFinished,
}: {
  account: AccountView;
  /** Publishes left this month as last synced; null when unknown. */
  publishQuota: number | null;
  onFinished: (rule: MirroredRule) => void;
}): { publish: (rule: MirroredRule) => void; dialog: ReactNode } {
  const t = useTranslations("rules.publish");
  const tCommon = useTranslations("common");
  const tError = useTranslations("rules.error");
  const describe = useActionErrorText();
  const queryClient = useQueryClient();
  const { confirm, dialog } = useConfirmDialog();

  const publish = useCallback(
    (rule: MirroredRule) => {
      if (rule.state !== 1) return;
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
            <p data-testid="publish-quota">
              {publishQuota === null
                ? t("quotaUnknown")
                : t.rich("quota", {
                    quota: publishQuota,
                    strong: (chunks) => <strong className="text-foreground">{chunks}</strong>,
                  })}{" "}
              {t("cost")} <TermHelp term="publishQuota" className="align-middle" />
            </p>
            {publishQuota === 0 ? (
              <p className="font-medium text-warning">{t("overQuota", { quota: publishQuota })}</p>
            ) : null}
          </div>
        ),
        confirmLabel: t("confirmOne"),
        cancelLabel: tCommon("cancel"),
        unexpectedErrorMessage: tError("unexpected"),
        callsWeChat: true,
        onConfirm: async () => {
          const result = await publishRule({ accountId: account.id, rule: toRuleRef(account, rule) });
          if (!result.ok) return { error: describe(result.error) };
          toastWarning(result);
          await queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
          onFinished(rule);
        },
      });
    },
    [account, publishQuota, onFinished, confirm, describe, queryClient, t, tCommon, tError],
  );

  return { publish, dialog };
}
