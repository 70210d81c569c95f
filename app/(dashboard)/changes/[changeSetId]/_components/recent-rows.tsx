"use client";

import { useTranslations } from "next-intl";

import { ItemAction, ItemOutcome } from "@/components/changesets/item-detail";
import type { ChangeSetView } from "@/lib/changesets/contract";

/** The rows that finished last, newest first, as they finish. */
export function RecentRows({ changeSet }: { changeSet: ChangeSetView }) {
  const t = useTranslations("changeSets.page");
  if (changeSet.recent.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-medium">{t("recent")}</h3>
      <ol
        className="divide-y rounded-md border"
        aria-live="polite"
        aria-relevant="additions"
        data-testid="recent-rows"
      >
        {changeSet.recent.map((item) => (
          <li key={item.seq} className="flex flex-wrap items-start gap-3 px-3 py-2">
            <ItemAction item={item} />
            <code className="min-w-0 flex-1 break-all font-mono text-xs">{item.prefix}</code>
            <ItemOutcome item={item} />
          </li>
        ))}
      </ol>
    </div>
  );
}
