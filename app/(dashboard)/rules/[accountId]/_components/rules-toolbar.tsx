"use client";

import { Plus, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback, useEffect, useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AccountView, RuleQuery } from "@/lib/rules/contract";

const SEARCH_DEBOUNCE_MS = 250;
const ALL = "all";

/** Searches prefixes as the operator types, but writes the URL only once typing pauses. */
function PrefixSearch({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const t = useTranslations("rules.toolbar");
  const [text, setText] = useState(value);
  // What this input last wrote: when the URL comes back with it, the operator may have typed on.
  const [sent, setSent] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setText(value);
      setSent(value);
    }
  }

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === value) return;
    const timer = setTimeout(() => {
      setSent(wanted);
      onChange(wanted);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  return (
    <div className="relative w-full sm:w-72">
      <Search
        aria-hidden
        className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        type="search"
        aria-label={t("search")}
        placeholder={t("searchPlaceholder")}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="pl-8"
        autoComplete="off"
        spellCheck={false}
        maxLength={1024}
      />
    </div>
  );
}

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
  onQueryChange: (patch: Partial<RuleQuery>) => void;
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
  const onSearch = useCallback((q: string) => onQueryChange({ q: q || undefined }), [onQueryChange]);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="search" aria-label={t("toolbar.label")} className="flex flex-1 flex-wrap items-center gap-2">
        <PrefixSearch value={query.q ?? ""} onChange={onSearch} />
        <Select
          value={stateValue}
          onValueChange={(value) =>
            onQueryChange({ state: value === "1" ? 1 : value === "2" ? 2 : undefined })
          }
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
            onValueChange={(value) => onQueryChange({ target: value === ALL ? undefined : value })}
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
      {canEdit ? (
        <Button onClick={onAdd}>
          <Plus aria-hidden />
          {t("toolbar.add")}
        </Button>
      ) : null}
    </div>
  );
}
