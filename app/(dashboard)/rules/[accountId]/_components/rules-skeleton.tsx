import { useTranslations } from "next-intl";

import { Skeleton } from "@/components/ui/skeleton";

/** The rules page's shape before the account and its rules arrive, so nothing jumps when they do. */
export function RulesPageSkeleton() {
  const t = useTranslations("rules.page");
  return (
    <div className="space-y-6" aria-busy="true">
      <span role="status" className="sr-only">
        {t("loading")}
      </span>
      <div className="space-y-4 border-b pb-4">
        <div className="space-y-2">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-8 w-56" />
          <Skeleton className="h-4 w-80" />
        </div>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-20" />
          ))}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-9 w-40" />
      </div>
      <div className="space-y-2 rounded-md border p-3">
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
