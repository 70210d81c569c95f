"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OnChangeFn, PaginationState, RowSelectionState, SortingState } from "@tanstack/react-table";
import { FilterX, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { DataTablePagination } from "@/components/ui/data-table-pagination";
import { useOpenedOnce } from "@/components/ui/deferred";
import { toast } from "@/components/ui/toaster";
import type { AccountView, MirroredRule, RuleSortColumn } from "@/lib/rules/contract";
import { RuleListError, fetchRulePage, ruleKeys } from "@/lib/rules/queries";

import { BulkActionsBar } from "./bulk-actions-bar";
import type { BulkOutcome, BulkReport } from "./bulk-outcome";
import { useDeleteDialog } from "./delete-dialog";
import { usePublishDialog } from "./publish-dialog";
import { useRuleColumns } from "./rules-columns";
import type { RulesEmptyReason } from "./rules-empty";
import { hasFilters, useRuleQueryState } from "./rules-search-params";
import { RulesSummary } from "./rules-summary";
import { RulesToolbar } from "./rules-toolbar";

// The forms (react-hook-form, zod, QR codes) and the results load when first opened, not with the page.
const RuleFormDialog = lazy(() =>
  import("./rule-form-dialog").then((module) => ({ default: module.RuleFormDialog })),
);
// A designed empty state, needed only when there is nothing to show.
const RulesEmpty = lazy(() => import("./rules-empty").then((module) => ({ default: module.RulesEmpty })));
const BulkResultsDialog = lazy(() =>
  import("./bulk-results-dialog").then((module) => ({ default: module.BulkResultsDialog })),
);

/** While WeChat is being read in the background, the table asks again this often. */
const SYNC_POLL_MS = 1500;

type FormState = { open: boolean; mode: "add" | "edit"; rule?: MirroredRule; key: number };

function sameRule(rule: MirroredRule, ref: { prefix: string; targetAppid?: string }): boolean {
  return (
    rule.prefix === ref.prefix && (ref.targetAppid === undefined || ref.targetAppid === rule.targetAppid)
  );
}

/** The rules page of one account: figures, filters, the table, and the publish/delete/edit flows. */
export function RulesView({ account, canEdit }: { account: AccountView; canEdit: boolean }) {
  const t = useTranslations("rules");
  const queryClient = useQueryClient();
  const { query, setQuery, clearFilters, navigating } = useRuleQueryState(account.kind);
  const queryId = JSON.stringify(query);

  const list = useQuery({
    queryKey: ruleKeys.list(account.id, query),
    queryFn: ({ signal }) => fetchRulePage(account.id, query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data?.summary.syncing ? SYNC_POLL_MS : false),
  });
  const page = list.data;
  const summary = page?.summary;
  const rows = page?.rows ?? [];
  const total = page?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const syncing = summary?.syncing === true;

  // When a background sync ends, other pages and filters in the cache are out of date too.
  const wasSyncing = useRef(false);
  useEffect(() => {
    if (wasSyncing.current && !syncing) {
      void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id), refetchType: "none" });
    }
    wasSyncing.current = syncing;
  }, [syncing, queryClient, account.id]);

  // After deletions the current page may lie past the end: go to the last page that exists.
  const beyondEnd =
    page !== undefined && !list.isPlaceholderData && rows.length === 0 && query.page > pageCount;
  useEffect(() => {
    if (beyondEnd) setQuery({ page: pageCount });
  }, [beyondEnd, pageCount, setQuery]);

  // Selection belongs to one query: a new filter, sort or page starts with nothing selected.
  const [selection, setSelection] = useState<{ queryId: string; rows: RowSelectionState }>({
    queryId,
    rows: {},
  });
  const rowSelection = selection.queryId === queryId ? selection.rows : {};
  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) =>
    setSelection((previous) => {
      const current = previous.queryId === queryId ? previous.rows : {};
      return { queryId, rows: typeof updater === "function" ? updater(current) : updater };
    });
  const selectedRules = rows.filter((rule) => rowSelection[rule.id]);
  const clearSelection = () => setSelection({ queryId, rows: {} });

  const [report, setReport] = useState<BulkReport | null>(null);
  const reportOpened = useOpenedOnce(report !== null);
  const onFinished = useCallback(
    (outcome: BulkOutcome) => {
      // After a bulk operation only the rules that failed stay selected, ready for another try;
      // a row's own action just takes that row out of the selection when it went through.
      const failed = new Set(
        outcome.rules
          .filter((rule) => outcome.result.results.some((row) => !row.ok && sameRule(rule, row)))
          .map((rule) => rule.id),
      );
      const touched = new Set(outcome.rules.map((rule) => rule.id));
      setSelection((previous) => ({
        queryId: previous.queryId,
        rows: Object.fromEntries(
          Object.entries(previous.rows).filter(([id]) =>
            outcome.origin === "selection" ? failed.has(id) : failed.has(id) || !touched.has(id),
          ),
        ),
      }));
      const [only] = outcome.result.results;
      if (outcome.result.results.length === 1 && only?.ok) {
        toast.success(
          t(outcome.operation === "publish" ? "publish.done" : "delete.done", { prefix: only.prefix }),
        );
      } else {
        setReport({ operation: outcome.operation, result: outcome.result });
      }
    },
    [t],
  );

  const { publish, dialog: publishDialog } = usePublishDialog({
    account,
    publishQuota: summary?.publishQuota ?? null,
    onFinished,
  });
  const { remove, dialog: deleteDialog } = useDeleteDialog({ account, onFinished });

  const [form, setForm] = useState<FormState>({ open: false, mode: "add", key: 0 });
  const formOpened = useOpenedOnce(form.open);
  const openAdd = useCallback(
    () => setForm((previous) => ({ open: true, mode: "add", key: previous.key + 1 })),
    [],
  );
  const onEdit = useCallback(
    (rule: MirroredRule) =>
      setForm((previous) => ({ open: true, mode: "edit", rule, key: previous.key + 1 })),
    [],
  );
  const onPublish = useCallback((rule: MirroredRule) => publish([rule]), [publish]);
  const onDelete = useCallback((rule: MirroredRule) => remove([rule]), [remove]);

  const columns = useRuleColumns({ account, canEdit, handlers: { onEdit, onPublish, onDelete } });

  const sorting: SortingState = query.sort ? [{ id: query.sort, desc: query.dir === "desc" }] : [];
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const [first] = typeof updater === "function" ? updater(sorting) : updater;
    setQuery(
      first
        ? { sort: first.id as RuleSortColumn, dir: first.desc ? "desc" : "asc" }
        : { sort: undefined, dir: undefined },
    );
  };
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };
  const onPaginationChange = (next: PaginationState) =>
    setQuery({ page: next.pageIndex + 1, pageSize: next.pageSize });

  const filtered = hasFilters(query);
  const emptyReason: RulesEmptyReason =
    filtered && (summary?.ruleCount ?? 0) > 0 ? "noMatch" : syncing ? "syncing" : "noRules";

  let loadError: string | undefined;
  if (list.isError && !page) {
    const status = list.error instanceof RuleListError ? list.error.status : 0;
    loadError =
      status === 401
        ? t("table.errors.unauthenticated")
        : status === 403
          ? t("table.errors.forbidden")
          : status === 404
            ? t("table.errors.notFound")
            : t("table.errors.generic");
  }

  return (
    <div className="space-y-6">
      <RulesSummary account={account} summary={summary} />

      <div className="space-y-3">
        <RulesToolbar
          account={account}
          query={query}
          onQueryChange={setQuery}
          canEdit={canEdit}
          onAdd={openAdd}
        >
          {filtered ? (
            <Button variant="ghost" size="sm" onClick={clearFilters} data-testid="rules-clear-filters">
              <FilterX aria-hidden />
              {t("toolbar.clearFilters")}
            </Button>
          ) : null}
        </RulesToolbar>

        {canEdit ? (
          <BulkActionsBar
            selected={selectedRules}
            onPublish={() => publish(selectedRules, "selection")}
            onDelete={() => remove(selectedRules, "selection")}
            onClear={clearSelection}
          />
        ) : null}

        {list.isError && page ? (
          <div
            role="alert"
            className="flex flex-wrap items-center gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
          >
            <TriangleAlert aria-hidden className="size-4 text-warning" />
            <span className="flex-1">{t("table.refreshFailed")}</span>
            <Button size="sm" variant="outline" onClick={() => void list.refetch()}>
              {t("sync.retry")}
            </Button>
          </div>
        ) : null}

        <div
          aria-busy={list.isPlaceholderData || navigating || undefined}
          className={
            list.isPlaceholderData || navigating ? "opacity-60 transition-opacity" : "transition-opacity"
          }
        >
          <DataTable
            columns={columns}
            data={rows}
            getRowId={(rule) => rule.id}
            caption={t("table.caption", { name: account.name })}
            sorting={sorting}
            onSortingChange={onSortingChange}
            manualSorting
            pagination={pagination}
            onPaginationChange={(updater) =>
              onPaginationChange(typeof updater === "function" ? updater(pagination) : updater)
            }
            manualPagination
            pageCount={pageCount}
            enableRowSelection={canEdit}
            {...(canEdit ? { rowSelection, onRowSelectionChange } : {})}
            isLoading={list.isPending}
            skeletonRows={8}
            loadingLabel={t("table.loading")}
            error={loadError}
            onRetry={() => void list.refetch()}
            retryLabel={t("sync.retry")}
            empty={
              <Suspense fallback={null}>
                <RulesEmpty
                  reason={emptyReason}
                  kind={account.kind}
                  canEdit={canEdit}
                  onAdd={openAdd}
                  onClearFilters={clearFilters}
                />
              </Suspense>
            }
          />
        </div>

        {page && total > 0 ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground" data-testid="rules-total">
              {t("pagination.total", { count: total })}
            </p>
            <DataTablePagination
              pagination={pagination}
              pageCount={pageCount}
              onPaginationChange={onPaginationChange}
              disabled={navigating}
              labels={{
                navigation: t("pagination.navigation"),
                pageOf: (current, count) => t("pagination.pageOf", { page: current, count }),
                previous: t("pagination.previous"),
                next: t("pagination.next"),
                pageSize: t("pagination.pageSize"),
              }}
            />
          </div>
        ) : null}
      </div>

      {/* Each confirm dialog keys its requests from 1: fragments keep the two apart. */}
      <>{publishDialog}</>
      <>{deleteDialog}</>
      <Suspense fallback={null}>
        {reportOpened ? (
          <BulkResultsDialog
            account={account}
            report={report}
            onOpenChange={(open) => {
              if (!open) setReport(null);
            }}
          />
        ) : null}
        {canEdit && formOpened ? (
          <RuleFormDialog
            key={form.key}
            account={account}
            mode={form.mode}
            rule={form.rule}
            publishQuota={summary?.publishQuota ?? null}
            open={form.open}
            onOpenChange={(open) => setForm((previous) => ({ ...previous, open }))}
            onSaved={() => void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) })}
          />
        ) : null}
      </Suspense>
    </div>
  );
}
