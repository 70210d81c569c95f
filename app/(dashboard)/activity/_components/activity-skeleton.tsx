import { useTranslations } from "next-intl";

import { Skeleton } from "@/components/ui/skeleton";

/** The activity page's shape (tabs, controls, the chart) before it can render, so nothing jumps. */
export function ActivitySkeleton({ withHeader = false }: { withHeader?: boolean }) {
  const t = useTranslations("activity.page");
  return (
    <div className="space-y-6" aria-busy="true">
      <span role="status" className="sr-only">
        {t("loading")}
      </span>
      {withHeader ? (
        <div className="space-y-2 border-b pb-4">
          <Skeleton className="h-8 w-40" />
          <Skeleton className="h-4 w-72" />
        </div>
      ) : null}
      <div className="flex gap-4 border-b pb-2">
        <Skeleton className="h-6 w-28" />
        <Skeleton className="h-6 w-12" />
      </div>
      <div className="flex flex-wrap gap-4">
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-9 w-72" />
      </div>
      <Skeleton className="h-96 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
