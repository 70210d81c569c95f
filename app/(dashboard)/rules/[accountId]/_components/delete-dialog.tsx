"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { toastWarning } from "@/components/ui/toaster";
import { useActionErrorText } from "@/components/wechat/wechat-failure";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { deleteRules } from "@/server/actions/rules";

import { type BulkOrigin, type BulkOutcome, toRuleRef } from "./bulk-outcome";
import { RulePrefixList } from "./publish-dialog";

/**
 * Confirms and runs the deletion of one rule or of a selection. Deleting a published rule breaks
 * QR codes already printed, so then the operator types the prefix (one rule) or the number of
 * rules (a selection) before the button works.
 */
export function useDeleteDialog({
  account,
  onFinished,
}: {
  account: AccountView;
  onFinished: (outcome: BulkOutcome) => void;
}): { remove: (rules: MirroredRule[], origin?: BulkOrigin) => void; dialog: ReactNode } {
  const t = useTranslations("rules.delete");
  const tCommon = useTranslations("common");
  const tError = useTranslations("rules.error");
  const describe = useActionErrorText();
  const queryClient = useQueryClient();
  const { confirm, dialog } = useConfirmDialog();

  const remove = useCallback(
    (rules: MirroredRule[], origin: BulkOrigin = "row") => {
      const [first] = rules;
      if (!first) return;
      const single = rules.length === 1;
      const count = rules.length;
      const published = rules.filter((rule) => rule.state === 2).length;

      const typeToConfirm =
        published === 0
          ? {}
          : single
            ? {
                typeToConfirm: first.prefix,
                typeToConfirmLabel: (
                  <span>
                    {t("typePrefix")} <code className="break-all font-mono font-normal">{first.prefix}</code>
                  </span>
                ),
              }
            : { typeToConfirm: String(count), typeToConfirmLabel: t("typeCount", { count }) };

      confirm({
        title: single ? t("titleOne") : t("titleMany", { count }),
        description: (
          <div className="space-y-2">
            {single ? (
              <p>
                {t.rich("descriptionOne", {
                  prefix: first.prefix,
                  code: (chunks) => <code className="break-all font-mono text-foreground">{chunks}</code>,
                })}
              </p>
            ) : (
              <>
                <p>{t("descriptionMany")}</p>
                <RulePrefixList rules={rules} />
              </>
            )}
            {published > 0 ? (
              <p className="font-medium text-destructive">
                {single ? t("publishedOne") : t("publishedMany", { count: published })}
              </p>
            ) : single ? (
              <p>{t("unpublishedOne")}</p>
            ) : null}
            {published > 0 ? <p>{t("noRefund")}</p> : null}
          </div>
        ),
        confirmLabel: single ? t("confirmOne") : t("confirmMany", { count }),
        cancelLabel: tCommon("cancel"),
        destructive: true,
        unexpectedErrorMessage: tError("unexpected"),
        callsWeChat: true,
        ...typeToConfirm,
        onConfirm: async () => {
          const result = await deleteRules({
            accountId: account.id,
            rules: rules.map((rule) => toRuleRef(account, rule)),
          });
          if (!result.ok) return { error: describe(result.error) };
          toastWarning(result);
          await queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
          onFinished({ operation: "delete", origin, rules, result: result.data });
        },
      });
    },
    [account, onFinished, confirm, describe, queryClient, t, tCommon, tError],
  );

  return { remove, dialog };
}
