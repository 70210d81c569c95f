"use client";

import { RefreshCw, Undo2, Check } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";

import { useCommand } from "@/components/changesets/use-command";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { DriftReport } from "@/lib/changesets/contract";
import { changeSetHref, changeSetKeys } from "@/lib/changesets/queries";
import type { AccountView } from "@/lib/rules/contract";
import { adoptDrift, checkDrift, planDriftRevert } from "@/server/actions/change-sets";

/** At most this many drifted rules are listed here (the count says how many there are). */
const SHOWN = 20;

/** Rules changed outside this product since the last change set, with "adopt" and "plan a revert". */
export function DriftPanel({
  account,
  drift,
  canEdit,
}: {
  account: AccountView;
  drift: DriftReport | null;
  canEdit: boolean;
}) {
  const t = useTranslations("changeSets.drift");
  const format = useFormatter();
  const router = useRouter();
  const invalidate = [changeSetKeys.account(account.id)];
  const check = useCommand(checkDrift, { invalidate });
  const adopt = useCommand(adoptDrift, { invalidate, success: t("adopted") });
  const revert = useCommand(planDriftRevert, {
    invalidate,
    onSuccess: (data) => router.push(changeSetHref(data.changeSetId)),
  });
  const busy = check.isPending || adopt.isPending || revert.isPending;
  const input = { accountId: account.id };

  return (
    <Card data-testid="drift">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {drift === null ? null : drift.noDesiredState ? (
          <p className="text-sm text-muted-foreground">{t("noDesiredState")}</p>
        ) : (
          <>
            <p className="text-sm" aria-live="polite" data-testid="drift-status">
              {drift.checkedAt === null
                ? t("neverChecked")
                : drift.total === 0
                  ? t("none", {
                      at: format.dateTime(new Date(drift.checkedAt), {
                        dateStyle: "medium",
                        timeStyle: "short",
                      }),
                    })
                  : t("some", {
                      count: drift.total,
                      at: format.dateTime(new Date(drift.checkedAt), {
                        dateStyle: "medium",
                        timeStyle: "short",
                      }),
                    })}
            </p>
            {drift.error ? (
              <p role="alert" className="text-sm text-destructive">
                {t("failed", { reason: drift.error })}
              </p>
            ) : null}
            {drift.items.length > 0 ? (
              <ul className="divide-y rounded-md border text-sm" data-testid="drift-items">
                {drift.items.slice(0, SHOWN).map((item) => (
                  <li
                    key={`${item.targetAppid}|${item.prefix}`}
                    className="flex flex-wrap items-center gap-2 px-3 py-2"
                  >
                    <Badge
                      variant={
                        item.kind === "deleted"
                          ? "destructive"
                          : item.kind === "added"
                            ? "warning"
                            : "secondary"
                      }
                    >
                      {t(`kinds.${item.kind}`)}
                    </Badge>
                    <code className="break-all font-mono text-xs">{item.prefix}</code>
                    {account.kind === "officialaccount" ? (
                      <span className="text-xs text-muted-foreground">{item.targetAppid}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {drift.total > SHOWN ? (
              <p className="text-xs text-muted-foreground">{t("more", { count: drift.total - SHOWN })}</p>
            ) : null}
          </>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="outline"
            disabled={busy || drift?.noDesiredState !== false}
            onClick={() => check.mutate(input)}
            data-testid="drift-check"
          >
            <RefreshCw aria-hidden className={check.isPending ? "animate-spin" : undefined} />
            {check.isPending ? t("checking") : t("check")}
          </Button>
          {canEdit && drift && !drift.noDesiredState && drift.total > 0 ? (
            <>
              <Button
                size="sm"
                variant="outline"
                disabled={busy}
                onClick={() => adopt.mutate(input)}
                data-testid="drift-adopt"
              >
                <Check aria-hidden />
                {t("adopt")}
              </Button>
              <Button
                size="sm"
                disabled={busy}
                onClick={() => revert.mutate(input)}
                data-testid="drift-revert"
              >
                <Undo2 aria-hidden />
                {t("revert")}
              </Button>
            </>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
