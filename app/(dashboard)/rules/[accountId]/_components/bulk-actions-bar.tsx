"use client";

import { Send, Trash2, X } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { MAX_BULK, type MirroredRule } from "@/lib/rules/contract";

/** Shown while rules are selected: publish the unpublished ones, delete them all, or clear the selection. */
export function BulkActionsBar({
  selected,
  onPublish,
  onDelete,
  onClear,
}: {
  selected: MirroredRule[];
  onPublish: () => void;
  onDelete: () => void;
  onClear: () => void;
}) {
  const t = useTranslations("rules.selection");
  const count = selected.length;
  const unpublished = selected.filter((rule) => rule.state === 1).length;
  const tooMany = count > MAX_BULK;

  // The live region stays mounted so the first selection is announced too.
  const announcement = (
    <span aria-live="polite" className="sr-only">
      {count > 0 ? t("count", { count }) : ""}
    </span>
  );
  if (count === 0) return announcement;

  return (
    <>
      {announcement}
      <div
        role="toolbar"
        aria-label={t("label")}
        data-testid="bulk-actions"
        className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2"
      >
        <span className="text-sm font-medium" data-testid="selection-count">
          {t("count", { count })}
        </span>
        {tooMany ? (
          <span role="alert" className="text-sm text-destructive">
            {t("tooMany", { max: MAX_BULK })}
          </span>
        ) : null}
        {unpublished === 0 && !tooMany ? (
          <span className="text-sm text-muted-foreground">{t("allPublished")}</span>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button size="sm" variant="outline" onClick={onPublish} disabled={unpublished === 0 || tooMany}>
            <Send aria-hidden />
            {unpublished > 0 ? t("publish", { count: unpublished }) : t("publishNone")}
          </Button>
          <Button size="sm" variant="destructive" onClick={onDelete} disabled={tooMany}>
            <Trash2 aria-hidden />
            {t("delete", { count })}
          </Button>
          <Button size="sm" variant="ghost" onClick={onClear}>
            <X aria-hidden />
            {t("clear")}
          </Button>
        </div>
      </div>
    </>
  );
}
