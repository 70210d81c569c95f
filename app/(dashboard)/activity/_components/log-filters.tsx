"use client";

import { Download, FilterX } from "lucide-react";
import { useTimeZone, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useId } from "react";

import { DataTableSearch } from "@/components/data-table/search-box";
import { useDebouncedText } from "@/components/data-table/use-debounced-text";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import {
  ACTIVITY_OPERATIONS,
  ACTIVITY_OUTCOMES,
  type ActivityFacets,
  MAX_ACTIVITY_SEARCH_LENGTH,
  OVERVIEW_RANGES,
} from "@/lib/activity/contract";
import { type ActivityPatch, type LogQuery, RANGE_MS } from "@/lib/activity/query-params";
import { cn } from "@/lib/utils";

import { useOperationLabel } from "./use-activity-labels";
import { fromZonedInput, toZonedInput } from "./zoned-time";

const ALL = "all";
const CUSTOM = "custom";
const ERRCODE = /^-?\d{1,9}$/;
const PRESET_KEYS = { "24h": "last24h", "7d": "last7d", "30d": "last30d" } as const;

function Field({
  label,
  htmlFor,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <Label htmlFor={htmlFor} className="text-xs font-medium text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}

/** A select whose first item means "no filter" (null). */
function FilterSelect<T extends string>({
  id,
  value,
  allLabel,
  options,
  onChange,
  testId,
}: {
  id: string;
  value: T | undefined;
  allLabel: string;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | null) => void;
  testId: string;
}) {
  // A value from a shared URL may no longer be offered; it stays visible so it can be seen and cleared.
  const current = options.find((option) => option.value === value);
  const shown = value !== undefined && !current ? [...options, { value, label: value }] : options;
  return (
    // The items' values are the options' own.
    <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? null : (next as T))}>
      <SelectTrigger id={id} data-testid={testId}>
        <SelectValue>{value === undefined ? allLabel : (current?.label ?? value)}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{allLabel}</SelectItem>
        {shown.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function ErrcodeInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number | undefined;
  onChange: (patch: ActivityPatch) => void;
}) {
  const t = useTranslations("activity.filters");
  const commit = useCallback(
    (text: string) => {
      const trimmed = text.trim();
      if (trimmed !== "" && !ERRCODE.test(trimmed)) return null;
      onChange({ errcode: trimmed ? Number(trimmed) : null });
      return trimmed;
    },
    [onChange],
  );
  const [text, setText] = useDebouncedText(value === undefined ? "" : String(value), commit);
  return (
    <Input
      id={id}
      type="number"
      inputMode="numeric"
      step={1}
      placeholder={t("errcodePlaceholder")}
      value={text}
      onChange={(event) => setText(event.target.value)}
      className="font-mono"
      data-testid="activity-errcode-filter"
    />
  );
}

function DateTimeInput({
  id,
  value,
  name,
  onChange,
}: {
  id: string;
  value: string | undefined;
  name: "from" | "to";
  onChange: (patch: ActivityPatch) => void;
}) {
  const timeZone = useTimeZone() ?? "UTC";
  const commit = useCallback(
    (text: string) => {
      if (text === "") {
        onChange({ [name]: null });
        return "";
      }
      const iso = fromZonedInput(text, timeZone);
      if (!iso) return null;
      onChange({ [name]: iso, last: null });
      return toZonedInput(iso, timeZone);
    },
    [name, onChange, timeZone],
  );
  const [text, setText] = useDebouncedText(toZonedInput(value, timeZone), commit);
  return (
    <Input
      id={id}
      type="datetime-local"
      value={text}
      onChange={(event) => setText(event.target.value)}
      className="tabular-nums"
      data-testid={`activity-${name}-filter`}
    />
  );
}

/** The log's filters; every change goes to the URL through `onChange`. */
export function LogFilters({
  query,
  facets,
  onChange,
  filtered,
  onClear,
  exportHref,
}: {
  query: LogQuery;
  facets: ActivityFacets;
  onChange: (patch: ActivityPatch) => void;
  filtered: boolean;
  onClear: () => void;
  /** Null while a relative window is still being resolved. */
  exportHref: string | null;
}) {
  const t = useTranslations("activity");
  const operationLabel = useOperationLabel();
  const id = useId();

  const timeValue = query.from || query.to ? CUSTOM : (query.last ?? ALL);
  const timeLabel =
    timeValue === CUSTOM
      ? t("filters.custom")
      : timeValue === ALL
        ? t("filters.timeAll")
        : t(`filters.${PRESET_KEYS[timeValue]}`);

  function onTimeChange(value: string) {
    if (value === CUSTOM) {
      // Turn a relative window into the same absolute one, ready to be adjusted.
      if (query.last)
        onChange({ from: new Date(Date.now() - RANGE_MS[query.last]).toISOString(), last: null });
      // After the select has closed and given focus back to its trigger.
      setTimeout(() => document.getElementById(`${id}-from`)?.focus(), 0);
      return;
    }
    const last = OVERVIEW_RANGES.find((range) => range === value) ?? null;
    onChange({ last, from: null, to: null });
  }

  const exportButton = exportHref ? (
    <Button variant="outline" size="sm" asChild>
      <a href={exportHref} download data-testid="activity-export" title={t("filters.exportHint")}>
        <Download aria-hidden />
        {t("filters.export")}
      </a>
    </Button>
  ) : (
    <Button variant="outline" size="sm" disabled data-testid="activity-export">
      <Download aria-hidden />
      {t("filters.export")}
    </Button>
  );

  return (
    <div className="space-y-3">
      <div
        role="search"
        aria-label={t("filters.label")}
        className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-5"
      >
        <Field
          label={t("filters.search")}
          htmlFor={`${id}-q`}
          className="sm:col-span-2 lg:col-span-2 xl:col-span-1"
        >
          <DataTableSearch
            id={`${id}-q`}
            value={query.q ?? ""}
            onSearch={(q) => onChange({ q })}
            placeholder={t("filters.searchPlaceholder")}
            maxLength={MAX_ACTIVITY_SEARCH_LENGTH}
            data-testid="activity-search"
          />
        </Field>
        <Field label={t("filters.account")} htmlFor={`${id}-account`}>
          <FilterSelect
            id={`${id}-account`}
            value={query.account}
            allLabel={t("filters.accountAll")}
            options={facets.accounts.map((account) => ({
              value: account.id,
              label: `${account.name} · ${account.appid}`,
            }))}
            onChange={(account) => onChange({ account })}
            testId="activity-account-filter"
          />
        </Field>
        <Field label={t("filters.operator")} htmlFor={`${id}-operator`}>
          <FilterSelect
            id={`${id}-operator`}
            value={query.operator}
            allLabel={t("filters.operatorAll")}
            options={facets.operators.map((operator) => ({
              value: operator.id,
              label: operator.name ? `${operator.name} · ${operator.email}` : operator.email,
            }))}
            onChange={(operator) => onChange({ operator })}
            testId="activity-operator-filter"
          />
        </Field>
        <Field label={t("filters.operation")} htmlFor={`${id}-operation`}>
          <FilterSelect
            id={`${id}-operation`}
            value={query.operation}
            allLabel={t("filters.operationAll")}
            options={ACTIVITY_OPERATIONS.map((operation) => ({
              value: operation,
              label: operationLabel(operation),
            }))}
            onChange={(operation) => onChange({ operation })}
            testId="activity-operation-filter"
          />
        </Field>
        <Field label={t("filters.outcome")} htmlFor={`${id}-outcome`}>
          <FilterSelect
            id={`${id}-outcome`}
            value={query.outcome}
            allLabel={t("filters.outcomeAll")}
            options={ACTIVITY_OUTCOMES.map((outcome) => ({
              value: outcome,
              label: t(`outcomes.${outcome}`),
            }))}
            onChange={(outcome) => onChange({ outcome })}
            testId="activity-outcome-filter"
          />
        </Field>
        <Field label={t("filters.errcode")} htmlFor={`${id}-errcode`}>
          <ErrcodeInput id={`${id}-errcode`} value={query.errcode} onChange={onChange} />
        </Field>
        <Field label={t("filters.time")} htmlFor={`${id}-time`}>
          <Select value={timeValue} onValueChange={onTimeChange}>
            <SelectTrigger id={`${id}-time`} data-testid="activity-time-filter">
              <SelectValue>{timeLabel}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("filters.timeAll")}</SelectItem>
              {OVERVIEW_RANGES.map((range) => (
                <SelectItem key={range} value={range}>
                  {t(`filters.${PRESET_KEYS[range]}`)}
                </SelectItem>
              ))}
              <SelectItem value={CUSTOM}>{t("filters.custom")}</SelectItem>
            </SelectContent>
          </Select>
        </Field>
        <Field label={t("filters.from")} htmlFor={`${id}-from`}>
          <DateTimeInput id={`${id}-from`} name="from" value={query.from} onChange={onChange} />
        </Field>
        <Field label={t("filters.to")} htmlFor={`${id}-to`}>
          <DateTimeInput id={`${id}-to`} name="to" value={query.to} onChange={onChange} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={onClear} data-testid="activity-clear-filters">
            <FilterX aria-hidden />
            {t("filters.clear")}
          </Button>
        ) : null}
        {exportButton}
      </div>
    </div>
  );
}
