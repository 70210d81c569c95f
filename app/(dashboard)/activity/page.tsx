import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { TableUrlState } from "@/components/data-table/table-url-state";
import { PageHeader } from "@/components/shell/page-header";
import { getActivityFacets } from "@/server/activity/facets";
import { getVerificationOverview } from "@/server/verification/recheck-view";

import { ActivitySkeleton } from "./_components/activity-skeleton";
import { ActivityView } from "./_components/activity-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.activity");
  return { title: t("title") };
}

export default async function ActivityPage() {
  const [t, facets] = await Promise.all([getTranslations("pages.activity"), getActivityFacets()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      {/* The view reads its tab, filters and open entry from the URL's search params, which needs a Suspense boundary. */}
      <Suspense fallback={<ActivitySkeleton />}>
        <TableUrlState>
          {/* Not awaited: the overview's card waits for the last rechecks, the page does not. */}
          <ActivityView facets={facets} verification={getVerificationOverview()} />
        </TableUrlState>
      </Suspense>
    </div>
  );
}
