"use client";

import { useTranslations } from "next-intl";
import { Tabs } from "radix-ui";
import { useCallback, useState } from "react";

import type { ActivityEntry, ActivityFacets } from "@/lib/activity/contract";

import { type ActivityTab, useActivityParams } from "./activity-search-params";
import { EntrySheet } from "./entry-sheet";
import { LogPanel } from "./log-panel";
import { OverviewPanel } from "./overview-panel";

const TAB_CLASS =
  "-mb-px inline-flex h-10 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring data-[state=active]:border-primary data-[state=active]:text-foreground";

/** The activity page: the error overview and the log as two tabs, and the drawer of one entry. */
export function ActivityView({ facets }: { facets: ActivityFacets }) {
  const t = useTranslations("activity");
  const { params, update, hrefFor, navigating } = useActivityParams();
  // The row last opened, so the drawer has a title before the full entry arrives.
  const [opened, setOpened] = useState<ActivityEntry>();

  const onOpen = useCallback(
    (entry: ActivityEntry) => {
      setOpened(entry);
      update({ entry: entry.id });
    },
    [update],
  );
  const onClose = useCallback(() => update({ entry: undefined }), [update]);

  return (
    <>
      <Tabs.Root
        value={params.tab}
        onValueChange={(value) => update({ view: value as ActivityTab, entry: undefined })}
        className="space-y-6"
      >
        <Tabs.List aria-label={t("tabs.label")} className="flex gap-2 border-b">
          <Tabs.Trigger value="overview" className={TAB_CLASS} data-testid="activity-tab-overview">
            {t("tabs.overview")}
          </Tabs.Trigger>
          <Tabs.Trigger value="log" className={TAB_CLASS} data-testid="activity-tab-log">
            {t("tabs.log")}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content
          value="overview"
          className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-ring"
        >
          <OverviewPanel
            range={params.range}
            account={params.log.account}
            facets={facets}
            onChange={update}
            hrefFor={hrefFor}
            navigating={navigating}
          />
        </Tabs.Content>
        <Tabs.Content
          value="log"
          className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-ring"
        >
          <LogPanel
            query={params.log}
            facets={facets}
            onChange={update}
            onOpen={onOpen}
            navigating={navigating}
          />
        </Tabs.Content>
      </Tabs.Root>
      <EntrySheet entryId={params.entry} preview={opened} onClose={onClose} />
    </>
  );
}
