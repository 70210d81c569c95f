"use client";

import { FilterX, Loader2, Plus, QrCode, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import type { AccountKind } from "@/lib/rules/contract";

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

  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-2" data-testid="rules-empty">
      <QrCode aria-hidden className="size-8 text-muted-foreground" />
      <p className="font-medium text-foreground">{t("empty.noRulesTitle")}</p>
      <p className="whitespace-normal">
        {kind === "miniprogram" ? t("empty.noRulesTypeA") : t("empty.noRulesTypeB")}
      </p>
      {canEdit ? (
        <Button size="sm" className="mt-2" onClick={onAdd}>
          <Plus aria-hidden />
          {t("toolbar.add")}
        </Button>
      ) : null}
    </div>
  );
}
