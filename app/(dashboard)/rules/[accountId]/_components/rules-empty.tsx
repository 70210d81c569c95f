"use client";

import { FilterX, Loader2, Plus, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";
import type { AccountKind } from "@/lib/rules/contract";
import { TYPE_B_PREFIX } from "@/lib/wechat/match";

import { ScanPicture } from "./scan-picture";

/** The made-up rule a Mini Program's empty state teaches with: a rule, a link it covers, the page it opens. */
const EXAMPLE_A = { rule: "https://example.com/p/", link: "https://example.com/p/123", page: "pages/x" };
/** A Service Account's: the link of one of its QR codes. */
const EXAMPLE_B = { qrCode: `${TYPE_B_PREFIX}…` };

export type RulesEmptyReason = "noRules" | "syncing" | "noMatch";

/** What the table says when it has no rows, and the one thing to do about it. */
export function RulesEmpty({
  reason,
  kind,
  canEdit,
  onAdd,
  onClearFilters,
}: {
  reason: RulesEmptyReason;
  kind: AccountKind;
  canEdit: boolean;
  onAdd: () => void;
  onClearFilters: () => void;
}) {
  const t = useTranslations("rules");

  if (reason === "syncing") {
    return (
      <div
        role="status"
        className="mx-auto flex max-w-md flex-col items-center gap-2"
        data-testid="rules-empty"
      >
        <Loader2 aria-hidden className="size-8 animate-spin text-muted-foreground" />
        <p className="font-medium text-foreground">{t("empty.syncingTitle")}</p>
        <p>{t("empty.syncingDescription")}</p>
      </div>
    );
  }

  if (reason === "noMatch") {
    return (
      <div className="mx-auto flex max-w-md flex-col items-center gap-2" data-testid="rules-empty">
        <SearchX aria-hidden className="size-8 text-muted-foreground" />
        <p className="font-medium text-foreground">{t("empty.noMatchTitle")}</p>
        <p>{t("empty.noMatchDescription")}</p>
        <Button
          variant="outline"
          size="sm"
          className="mt-2"
          onClick={onClearFilters}
          data-testid="rules-empty-clear-filters"
        >
          <FilterX aria-hidden />
          {t("toolbar.clearFilters")}
        </Button>
      </div>
    );
  }

  const typeA = kind === "miniprogram";
  const code = (chunks: ReactNode) => (
    <code className="break-all font-mono text-xs text-foreground">{chunks}</code>
  );
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-2" data-testid="rules-empty">
      <div className="w-full max-w-xs space-y-1">
        <ScanPicture className="h-auto w-full" />
        {/* The picture in words. */}
        <ol
          aria-label={t("empty.stepsLabel")}
          className="grid grid-cols-3 gap-2 text-center text-xs leading-snug text-muted-foreground"
        >
          <li>{t(typeA ? "empty.stepScanA" : "empty.stepScanB")}</li>
          <li>{t("empty.stepWeChat")}</li>
          <li>{t(typeA ? "empty.stepOpenA" : "empty.stepOpenB")}</li>
        </ol>
      </div>
      <p className="mt-2 font-medium text-foreground">{t("empty.noRulesTitle")}</p>
      <p className="whitespace-normal">
        {typeA
          ? t.rich("empty.noRulesTypeA", { ...EXAMPLE_A, code })
          : t.rich("empty.noRulesTypeB", { ...EXAMPLE_B, code })}
      </p>
      {typeA ? <p className="whitespace-normal text-xs">{t("empty.noRulesNextA")}</p> : null}
      {canEdit ? (
        <Button size="sm" className="mt-2" onClick={onAdd}>
          <Plus aria-hidden />
          {t("toolbar.add")}
        </Button>
      ) : null}
    </div>
  );
}
