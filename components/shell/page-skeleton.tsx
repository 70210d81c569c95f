import { Skeleton } from "@/components/ui/skeleton";

/**
 * What a dashboard page shows while it loads. Each page's segment has its own loading.tsx using it, rather than one
 * for the whole dashboard: a boundary above the rules index would make its redirect to the operator's account a
 * client-side one, sent after the shell, instead of an HTTP redirect.
 */
export function PageSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="space-y-2 border-b pb-4">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-72" />
      </div>
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
