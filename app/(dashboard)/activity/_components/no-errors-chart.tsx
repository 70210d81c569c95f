"use client";

import { CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";

import type { OverviewRange } from "@/lib/activity/contract";

/** The chart's place when the range has no errors: drawn without the charting library, which it does not need. */
export function NoErrorsChart({ range }: { range: OverviewRange }) {
  const t = useTranslations("activity");
  const rangePhrase = t(`rangePhrases.${range}`);
  return (
    <div
      role="img"
      aria-label={t("overview.chartLabelNone", { range: rangePhrase })}
      data-testid="error-chart"
      data-empty=""
      className="flex h-72 flex-col items-center justify-center gap-2 rounded-md border border-dashed text-center text-sm text-muted-foreground"
    >
      <CircleCheck aria-hidden className="size-8 text-success" />
      <p className="font-medium text-foreground">{t("overview.noErrorsTitle")}</p>
      <p className="max-w-sm">{t("overview.noErrorsDescription", { range: rangePhrase })}</p>
    </div>
  );
}
