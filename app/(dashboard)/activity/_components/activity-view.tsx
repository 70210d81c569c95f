"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Suspense, lazy, useCallback, useId, useMemo, useState } from "react";

import { useTableQuery } from "@/components/data-table/use-table-query";
import { useOpenedOnce } from "@/components/ui/deferred";
import { moveFocus } from "@/components/ui/roving-focus";
import type { ActivityEntry, ActivityFacets } from "@/lib/activity/contract";
import {
  ACTIVITY_PAGE_KEEPERS,
  ACTIVITY_TABS,
  type ActivityTab,
  LOG_FILTERS,
  activityParsers,
  resolveActivityParams,
} from "@/lib/activity/query-params";
import type { VerificationOverview } from "@/lib/verification/recheck";

// Each tab's panel loads with the tab: the page renders (and preloads) only the one shown.
const OverviewPanel = dynamic(() => import("./overview-panel").then((module) => module.OverviewPanel));
const LogPanel = dynamic(() => import("./log-panel").then((module) => module.LogPanel));

// The drawer (and its JSON views and look-up) loads when an entry is first opened.
const EntrySheet = lazy(() => import("./entry-sheet").then((module) => ({ default: module.EntrySheet })));

const TAB_CLASS =
  "-mb-px inline-flex h-10 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring data-[state=active]:border-primary data-[state=active]:text-foreground";

/**
 * The activity page: the error overview and the log as two tabs, and the drawer of one entry.
 * `verification` is the last rechecks of verification files, read on the server, for the overview's card.
 */
export function ActivityView({
  facets,
  verification,
}: {
  facets: ActivityFacets;
  verification?: Promise<VerificationOverview | null>;
}) {
  const t = useTranslations("activity");
  const table = useTableQuery(activityParsers, { keepPage: ACTIVITY_PAGE_KEEPERS, filters: LOG_FILTERS });
  const { setQuery: update, hrefFor } = table;
  const params = useMemo(() => resolveActivityParams(table.values), [table.values]);
  // The row last opened, so the drawer has a title before the full entry arrives.
  const [opened, setOpened] = useState<ActivityEntry>();

  const onOpen = useCallback(
    (entry: ActivityEntry) => {
      setOpened(entry);
      update({ entry: entry.id });
    },
    [update],
  );
  const onClose = useCallback(() => update({ entry: null }), [update]);
  const id = useId();
  const select = (tab: ActivityTab) => {
    if (tab !== params.tab) update({ view: tab, entry: null });
  };
  const sheetOpened = useOpenedOnce(params.entry !== undefined);

  return (
    <>
      <div className="space-y-6">
        {/* Tabs drawn here rather than with Radix: two buttons and a panel did not need a library on every load. */}
        <div role="tablist" aria-label={t("tabs.label")} className="flex gap-2 border-b">
          {ACTIVITY_TABS.map((tab) => {
            const active = params.tab === tab;
            return (
              <button
                key={tab}
                type="button"
                role="tab"
                id={`${id}-tab-${tab}`}
                aria-selected={active}
                aria-controls={`${id}-panel`}
                tabIndex={active ? 0 : -1}
                data-state={active ? "active" : "inactive"}
                data-testid={`activity-tab-${tab}`}
                className={TAB_CLASS}
                onClick={() => select(tab)}
                onKeyDown={(event) => {
                  const next = moveFocus(event);
                  const target = next === null ? undefined : ACTIVITY_TABS[next];
                  if (target) select(target);
                }}
              >
                {t(`tabs.${tab}`)}
              </button>
            );
          })}
        </div>
        <div
          role="tabpanel"
          id={`${id}-panel`}
          aria-labelledby={`${id}-tab-${params.tab}`}
          tabIndex={0}
          className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-ring"
        >
          {params.tab === "overview" ? (
            <OverviewPanel
              range={params.range}
              account={params.log.account}
              facets={facets}
              onChange={update}
              hrefFor={hrefFor}
              verification={verification}
            />
          ) : (
            <LogPanel query={params.log} facets={facets} table={table} onOpen={onOpen} />
          )}
        </div>
      </div>
      {sheetOpened ? (
        <Suspense fallback={null}>
          <EntrySheet entryId={params.entry} preview={opened} onClose={onClose} />
        </Suspense>
      ) : null}
    </>
  );
}
