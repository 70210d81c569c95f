"use client";

import { CircleCheck, CircleX } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { ActionErrorDetails } from "@/components/wechat/wechat-failure";
import type { AccountView } from "@/lib/rules/contract";

import type { BulkReport } from "./bulk-outcome";

/** What happened to each rule of a publish or delete: ✓, or WeChat's explanation and the rid. */
export function BulkResultsDialog({
  account,
  report,
  onOpenChange,
}: {
  account: AccountView;
  /** Open while set. */
  report: BulkReport | null;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("rules.results");
  const tc = useTranslations("common");
  if (!report) return null;
  const { operation, result } = report;
  const succeeded = result.results.filter((row) => row.ok).length;
  const failed = result.results.length - succeeded;
  const targetName = new Map(account.linkedMiniPrograms.map((mp) => [mp.appid, mp.name ?? mp.appid]));

  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-2xl" data-testid="bulk-results">
        <DialogHeader>
          <DialogTitle>{operation === "publish" ? t("publishTitle") : t("deleteTitle")}</DialogTitle>
          <DialogDescription role="status">
            {t("summary", { succeeded, failed })}
            {operation === "publish" && result.publishQuota != null
              ? ` ${t("quotaLeft", { quota: result.publishQuota })}`
              : null}
          </DialogDescription>
        </DialogHeader>
        <ul aria-label={t("listLabel")} className="divide-y rounded-md border">
          {result.results.map((row) => (
            <li
              key={`${row.targetAppid ?? ""}|${row.prefix}`}
              className="flex gap-3 p-3"
              data-testid="bulk-result"
              data-ok={row.ok}
            >
              {row.ok ? (
                <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
              ) : (
                <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
              )}
              <div className="min-w-0 flex-1 space-y-1">
                <p className="break-all font-mono text-xs">{row.prefix}</p>
                {account.kind === "officialaccount" && row.targetAppid ? (
                  <p className="text-xs text-muted-foreground">
                    {targetName.get(row.targetAppid) ?? row.targetAppid}
                  </p>
                ) : null}
                {row.ok ? (
                  <p className="text-sm text-success">
                    {operation === "publish" ? t("published") : t("deleted")}
                  </p>
                ) : (
                  <>
                    <p className="text-sm font-medium text-destructive">{t("failed")}</p>
                    <ActionErrorDetails error={row.error} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">{tc("close")}</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
