"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastWarning } from "@/components/ui/toaster";
import { useActionErrorText } from "@/components/wechat/wechat-failure";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { publishRules } from "@/server/actions/rules";

import { type BulkOrigin, type BulkOutcome, toRuleRef } from "./bulk-outcome";

/** The prefixes a bulk operation is about to touch, in a short scrolling list. */
export function RulePrefixList({ rules }: { rules: MirroredRule[] }) {
  return (
    <ul
      className="max-h-40 space-y-1 overflow-y-auto rounded-md border bg-muted/30 p-2"
      data-testid="confirm-prefixes"
    >
      {rules.map((rule) => (
        <li key={rule.id} className="break-all font-mono text-xs text-foreground">
          {rule.prefix}
        </li>
      ))}
    </ul>
  );
}

/**
 * Confirms and runs a publish of one rule or of a selection. Publishing spends the Mini Program's
 * monthly quota, so the dialog says how much is left before anything is sent.
 */
export function usePublishDialog({
  account,
  publishQuota,
  onFinished,
}: {
  account: AccountView;
  /** Publishes left this month as last synced; null when unknown. */
  publishQuota: number | null;
  onFinished: (outcome: BulkOutcome) => void;
}): { publish: (rules: MirroredRule[], origin?: BulkOrigin) => void; dialog: ReactNode } {
  const t = useTranslations("rules.publish");
  const tCommon = useTranslations("common");
  const tError = useTranslations("rules.error");
  const describe = useActionErrorText();
  const queryClient = useQueryClient();
  const { confirm, dialog } = useConfirmDialog();

  const publish = useCallback(
    (selected: MirroredRule[], origin: BulkOrigin = "row") => {
      const rules = selected.filter((rule) => rule.state === 1);
      const skipped = selected.length - rules.length;
      const [first] = rules;
      if (!first) return;
      const single = rules.length === 1;
      const count = rules.length;

      confirm({
        title: single ? t("titleOne") : t("titleMany", { count }),
        description: (
          <div className="space-y-2">
            <p>
              {single
                ? t.rich("descriptionOne", {
                    prefix: first.prefix,
                    code: (chunks) => <code className="break-all font-mono text-foreground">{chunks}</code>,
                  })
                : t("descriptionMany")}
            </p>
            {single ? null : <RulePrefixList rules={rules} />}
            <p data-testid="publish-quota">
              {publishQuota === null
                ? t("quotaUnknown")
                : t.rich("quota", {
                    quota: publishQuota,
                    strong: (chunks) => <strong className="text-foreground">{chunks}</strong>,
                  })}{" "}
              {t("cost")}
            </p>
            {publishQuota !== null && count > publishQuota ? (
              <p className="font-medium text-warning">{t("overQuota", { quota: publishQuota })}</p>
            ) : null}
            {skipped > 0 ? <p>{t("skipped", { count: skipped })}</p> : null}
          </div>
        ),
        confirmLabel: single ? t("confirmOne") : t("confirmMany", { count }),
        cancelLabel: tCommon("cancel"),
        unexpectedErrorMessage: tError("unexpected"),
        callsWeChat: true,
        onConfirm: async () => {
          const result = await publishRules({
            accountId: account.id,
            rules: rules.map((rule) => toRuleRef(account, rule)),
          });
          if (!result.ok) return { error: describe(result.error) };
          toastWarning(result);
          await queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
          onFinished({ operation: "publish", origin, rules, result: result.data });
        },
      });
    },
    [account, publishQuota, onFinished, confirm, describe, queryClient, t, tCommon, tError],
  );

  return { publish, dialog };
}
