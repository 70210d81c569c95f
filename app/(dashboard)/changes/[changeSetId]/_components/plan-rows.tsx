"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { ItemAction, ItemOutcome, ItemProblems } from "@/components/changesets/item-detail";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import {
  ACTIVE_STATUSES,
  type ChangeSetView,
  PLAN_ACTIONS,
  type PlanAction,
} from "@/lib/changesets/contract";
import { changeSetKeys, fetchPlanItems } from "@/lib/changesets/queries";

const PAGE_SIZE = 50;
const ALL = "all";

/** Every row of the plan in the file's order, filterable by action, with its fate and outcome. */
export function PlanRows({ changeSet }: { changeSet: ChangeSetView }) {
  const t = useTranslations("changeSets.rows");
  const actions = useTranslations("changeSets.actions");
  const [action, setAction] = useState<PlanAction | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = { action, page, pageSize: PAGE_SIZE };
  const active = ACTIVE_STATUSES.includes(changeSet.status);
  const rows = useQuery({
    queryKey: changeSetKeys.items(changeSet.id, query),
    queryFn: ({ signal }) => fetchPlanItems(changeSet.id, query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: active ? 2_000 : false,
  });
  // The last rows finish as the set does, after the last poll may have read them: read once more then.
  const wasActive = useRef(active);
  const { refetch } = rows;
  useEffect(() => {
    if (wasActive.current && !active) void refetch();
    wasActive.current = active;
  }, [active, refetch]);
  const total = rows.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const serviceAccount = changeSet.accountKind === "officialaccount";
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{t("title")}</CardTitle>
        <Select
          value={action ?? ALL}
          onValueChange={(value) => {
            setAction(value === ALL ? undefined : (value as PlanAction));
            setPage(1);
          }}
        >
          <SelectTrigger aria-label={t("filter")} className="w-48" data-testid="plan-rows-filter">
            <SelectValue>{action ? actions(action) : t("all")}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t("all")}</SelectItem>
            {PLAN_ACTIONS.map((value) => (
              <SelectItem key={value} value={value}>
                {actions(value)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </CardHeader>
      <CardContent className="space-y-3">
        {rows.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {t("failed")}
          </p>
        ) : null}
        <Table data-testid="plan-rows">
          <TableCaption className="sr-only">{t("title")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead className="w-16">{t("row")}</TableHead>
              <TableHead className="w-32">{t("action")}</TableHead>
              <TableHead>{t("rule")}</TableHead>
              <TableHead>{t("outcome")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(rows.data?.rows ?? []).map((item) => (
              <TableRow key={item.seq} data-testid="plan-row" data-prefix={item.prefix}>
                <TableCell className="tabular-nums">{item.sourceRow ?? "—"}</TableCell>
                <TableCell>
                  <ItemAction item={item} />
                </TableCell>
                <TableCell className="space-y-1">
                  <code className="block break-all font-mono text-xs">{item.prefix || t("noPrefix")}</code>
                  {serviceAccount ? (
                    <span className="block text-xs text-muted-foreground">{item.targetAppid}</span>
                  ) : null}
                  {item.desired ? (
                    <span className="block text-xs text-muted-foreground">
                      {item.current && item.current.path !== item.desired.path
                        ? t("pathChange", { from: item.current.path, to: item.desired.path })
                        : item.desired.path}
                    </span>
                  ) : null}
                  <ItemProblems item={item} />
                </TableCell>
                <TableCell>
                  <ItemOutcome item={item} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <div className="flex items-center justify-between gap-2 text-sm">
          <span data-testid="plan-rows-total">{t("total", { total })}</span>
          <div className="flex items-center gap-2">
            <Button
              size="sm"
              variant="outline"
              disabled={page <= 1}
              onClick={() => setPage((current) => current - 1)}
            >
              {t("previous")}
            </Button>
            <span>{t("page", { page, pages })}</span>
            <Button
              size="sm"
              variant="outline"
              disabled={page >= pages}
              onClick={() => setPage((current) => current + 1)}
            >
              {t("next")}
            </Button>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
