"use client";

import { FileSpreadsheet, Plus, QrCode } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { DataTableSearch } from "@/components/data-table/search-box";
import type { TablePatch } from "@/components/data-table/use-table-query";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { type AccountView, MAX_RULE_SEARCH_LENGTH, type RuleQuery } from "@/lib/rules/contract";
import type { ruleQueryParsers } from "@/lib/rules/query-params";

const ALL = "all";

export function RulesToolbar({
  account,
  query,
  onQueryChange,
  canEdit,
  onAdd,
  children,
}: {
  account: AccountView;
  query: RuleQuery;
  onQueryChange: (patch: TablePatch<typeof ruleQueryParsers>) => void;
  canEdit: boolean;
  onAdd: () => void;
  /** Shown after the filters, e.g. "clear filters". */
  children?: ReactNode;
}) {
  const t = useTranslations("rules");
  const stateValue = query.state === 2 ? "2" : query.state === 1 ? "1" : ALL;
  const stateText =
    query.state === 2
      ? t("state.published")
      : query.state === 1
        ? t("state.unpublished")
        : t("toolbar.stateAll");

  const linked = account.linkedMiniPrograms;
  // A target from a shared URL may no longer be linked; it is still offered so the filter can be seen and cleared.
  const targets =
    query.target && !linked.some((mp) => mp.appid === query.target)
      ? [...linked, { appid: query.target, name: null }]
      : linked;
  const currentTarget = targets.find((mp) => mp.appid === query.target);
  const onSearch = useCallback((q: string | null) => onQueryChange({ q }), [onQueryChange]);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="search" aria-label={t("toolbar.label")} className="flex flex-1 flex-wrap items-center gap-2">
        <DataTableSearch
          value={query.q ?? ""}
          onSearch={onSearch}
          aria-label={t("toolbar.search")}
          placeholder={t("toolbar.searchPlaceholder")}
          maxLength={MAX_RULE_SEARCH_LENGTH}
          className="w-full sm:w-72"
        />
        <Select
          value={stateValue}
          onValueChange={(value) => onQueryChange({ state: value === "1" ? 1 : value === "2" ? 2 : null })}
        >
          <SelectTrigger aria-label={t("toolbar.state")} className="w-40" data-testid="rules-state-filter">
            <SelectValue>{stateText}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("toolbar.stateAll")}</SelectItem>
            <SelectItem value="2">{t("state.published")}</SelectItem>
            <SelectItem value="1">{t("state.unpublished")}</SelectItem>
          </SelectContent>
        </Select>
        {account.kind === "officialaccount" ? (
          <Select
            value={query.target ?? ALL}
            onValueChange={(value) => onQueryChange({ target: value === ALL ? null : value })}
          >
            <SelectTrigger
              aria-label={t("toolbar.target")}
              className="w-56"
              data-testid="rules-target-filter"
            >
              <SelectValue>
                {currentTarget ? (currentTarget.name ?? currentTarget.appid) : t("toolbar.targetAll")}
              </SelectValue>
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("toolbar.targetAll")}</SelectItem>
              {targets.map((mp) => (
                <SelectItem key={mp.appid} value={mp.appid}>
                  {mp.name ? `${mp.name} · ${mp.appid}` : mp.appid}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : null}
        {children}
      </div>
      <Button asChild variant="outline">
        <Link href={`/rules/${encodeURIComponent(account.id)}/qr-sheet`} prefetch={false}>
          <QrCode aria-hidden />
          {t("toolbar.qrSheet")}
        </Link>
      </Button>
      <Button asChild variant="outline">
        <Link href={`/rules/${encodeURIComponent(account.id)}/changes`} data-testid="rules-bulk-changes">
          <FileSpreadsheet aria-hidden />
          {t("toolbar.bulkChanges")}
        </Link>
      </Button>
      {canEdit ? (
        <Button onClick={onAdd}>
          <Plus aria-hidden />
          {t("toolbar.add")}
        </Button>
      ) : null}
    </div>
  );
}
