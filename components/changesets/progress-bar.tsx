"use client";

import { useTranslations } from "next-intl";

import type { ChangeSetProgress } from "@/lib/changesets/contract";

function duration(seconds: number, t: ReturnType<typeof useTranslations<"changeSets.progress">>): string {
  if (seconds < 60) return t("seconds", { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("minutes", { minutes, seconds: seconds % 60 });
  return t("hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** Done / total as a bar, with the rate and the time left. */
export function ProgressBar({
  progress,
  label,
  compact = false,
}: {
  progress: ChangeSetProgress;
  label: string;
  compact?: boolean;
}) {
  const t = useTranslations("changeSets.progress");
  const finished = progress.done + progress.failed;
  const percent = progress.total === 0 ? 100 : Math.round((finished / progress.total) * 100);
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={finished}
        aria-valuetext={t("valueText", {
          done: progress.done,
          failed: progress.failed,
          total: progress.total,
        })}
        className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
        data-testid="change-set-progress"
        data-done={progress.done}
        data-failed={progress.failed}
        data-total={progress.total}
      >
        <div className="flex h-full transition-[width] duration-500" style={{ width: `${percent}%` }}>
          <div className="h-full bg-primary" style={{ flexGrow: progress.done }} />
          <div className="h-full bg-destructive" style={{ flexGrow: progress.failed }} />
        </div>
      </div>
      {compact ? null : (
        <p className="flex flex-wrap gap-x-4 text-sm text-muted-foreground">
          <span>{t("counts", { done: progress.done, failed: progress.failed, total: progress.total })}</span>
          {progress.rate !== null ? <span>{t("rate", { rate: progress.rate.toFixed(1) })}</span> : null}
          {progress.etaSeconds !== null && finished < progress.total ? (
            <span>{t("eta", { time: duration(progress.etaSeconds, t) })}</span>
          ) : null}
        </p>
      )}
    </div>
  );
}
