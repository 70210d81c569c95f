"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Eye, FilterX } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";

import { useCommand } from "@/components/changesets/use-command";
import { PagedDataTable } from "@/components/data-table/paged-data-table";
import { useTableQuery } from "@/components/data-table/use-table-query";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/deferred";
import type { OnChangeFn, RowSelectionState } from "@/components/ui/table-model";
import { toast } from "@/components/ui/toaster";
import { statusOf } from "@/lib/api-client";
import { changeSetHref, changeSetKeys } from "@/lib/changesets/queries";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { RULE_FILTERS, hasRuleFilters, resolveRuleQuery, ruleQueryParsers } from "@/lib/rules/query-params";
import { fetchRulePage, ruleKeys } from "@/lib/rules/queries";
import { useSetupMarks } from "@/lib/setup/marks";
import { planRuleSelection } from "@/server/actions/change-sets";

import { BulkActionsBar } from "./bulk-actions-bar";
import { useDeleteDialog } from "./delete-dialog";
import { usePublishDialog } from "./publish-dialog";
import { useRuleColumns } from "./rules-columns";
import type { RulesEmptyReason } from "./rules-empty";
import { RulesSummary } from "./rules-summary";
import { RulesToolbar } from "./rules-toolbar";

// The forms (react-hook-form, zod, QR codes) and the results load when first opened, not with the page.
const RuleFormDialog = lazy(() =>
  import("./rule-form-dialog").then((module) => ({ default: module.RuleFormDialog })),
);
// The guided set-up, needed only until an account's first rule is published.
const SetupChecklist = lazy(() =>
  import("./setup-checklist").then((module) => ({ default: module.SetupChecklist })),
);
// A designed empty state, needed only when there is nothing to show.
const RulesEmpty = lazy(() => import("./rules-empty").then((module) => ({ default: module.RulesEmpty })));

/** While WeChat is being read in the background, the table asks again this often. */
const SYNC_POLL_MS = 1500;

type FormState = { open: boolean; mode: "add" | "edit"; rule?: MirroredRule; key: number };

/**
 * The rules page of one account: figures, filters, the table, and the publish/delete/edit flows.
 * `verificationAlert` is the server-drawn warning of failing verification files, shown under the figures.
 */
export function RulesView({
  account,
  canEdit,
  verificationAlert,
}: {
  account: AccountView;
  canEdit: boolean;
  verificationAlert?: ReactNode;
}) {
  const t = useTranslations("rules");
  const tableText = useTranslations("rules.table");
  const queryClient = useQueryClient();
  const table = useTableQuery(ruleQueryParsers, { filters: RULE_FILTERS });
  const { setQuery, clearFilters } = table;
  const query = useMemo(() => resolveRuleQuery(table.values, account.kind), [table.values, account.kind]);
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
  const syncing = summary?.syncing === true;

  // When a background sync ends, other pages and filters in the cache are out of date too.
  const wasSyncing = useRef(false);
  useEffect(() => {
    if (wasSyncing.current && !syncing) {
      void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id), refetchType: "none" });
    }
    wasSyncing.current = syncing;
  }, [syncing, queryClient, account.id]);

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

  // A row's publish or delete takes that row out of the selection once it went through.
  // The rule just added, edited or published is marked in the table (and scrolled to) until another is.
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const onFinished = useCallback(
    (operation: "publish" | "delete", rule: MirroredRule) => {
      if (operation === "publish") setHighlighted(rule.id);
      setSelection((previous) => {
        const { [rule.id]: _done, ...rows } = previous.rows;
        return { queryId: previous.queryId, rows };
      });
      toast.success(t(operation === "publish" ? "publish.done" : "delete.done", { prefix: rule.prefix }));
    },
    [t],
  );

  const { publish, dialog: publishDialog } = usePublishDialog({
    account,
    publishQuota: summary?.publishQuota ?? null,
    onFinished: (rule) => onFinished("publish", rule),
  });
  const { remove, dialog: deleteDialog } = useDeleteDialog({
    account,
    onFinished: (rule) => onFinished("delete", rule),
  });

  // A selection is published or deleted as a change set: its plan is shown, then a background job applies it.
  const router = useRouter();
  const planSelection = useCommand(planRuleSelection, {
    invalidate: [changeSetKeys.account(account.id)],
    onSuccess: (data) => router.push(changeSetHref(data.changeSetId)),
  });
  const planSelected = (operation: "publish" | "delete", chosen: MirroredRule[]) =>
    planSelection.mutate({
      accountId: account.id,
      operation,
      rules: chosen.map((rule) =>
        account.kind === "officialaccount"
          ? { prefix: rule.prefix, targetAppid: rule.targetAppid }
          : { prefix: rule.prefix },
      ),
    });

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
  const columns = useRuleColumns({
    account,
    canEdit,
    handlers: { onEdit, onPublish: publish, onDelete: remove },
  });

  // WeChat never offers the rules to a personal Mini Program: nothing that cannot work is offered.
  const unusable = summary?.capability?.status === "personal";
  // A new account's set-up checklist: until its first rule is published, unless closed here.
  const setupMarks = useSetupMarks(account.id);
  const showSetup =
    canEdit &&
    summary !== undefined &&
    summary.publishedCount === 0 &&
    summary.capability?.status !== "personal" &&
    !setupMarks.dismissed;

  const filtered = hasRuleFilters(query);
  const emptyReason: RulesEmptyReason =
    filtered && (summary?.ruleCount ?? 0) > 0 ? "noMatch" : syncing ? "syncing" : "noRules";

  const errorText = (error: unknown) => {
    const status = statusOf(error);
    if (status === 401) return tableText("errors.unauthenticated");
    if (status === 403) return tableText("errors.forbidden");
    if (status === 404) return tableText("errors.notFound");
    return tableText("errors.generic");
  };

  return (
    <div className="space-y-6">
      {showSetup && summary ? (
        <Suspense fallback={null}>
          <SetupChecklist
            account={account}
            summary={summary}
            canEdit={canEdit}
            onAdd={openAdd}
            onChecked={() => void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) })}
          />
        </Suspense>
      ) : null}

      <RulesSummary account={account} summary={summary} capabilityShownElsewhere={showSetup} />

      {verificationAlert}

      {canEdit ? null : (
        <p
          className="flex items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground"
          data-testid="rules-read-only"
        >
          <Eye aria-hidden className="size-4 shrink-0" />
          {t("page.readOnly")}
        </p>
      )}

      <div className="space-y-3">
        <RulesToolbar
          account={account}
          query={query}
          onQueryChange={setQuery}
          canEdit={canEdit && !unusable}
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
            onPublish={() =>
              planSelected(
                "publish",
                selectedRules.filter((rule) => rule.state === 1),
              )
            }
            onDelete={() => planSelected("delete", selectedRules)}
            onClear={clearSelection}
          />
        ) : null}

        <PagedDataTable
          request={list}
          state={table}
          caption={t("table.caption", { name: account.name })}
          messages={tableText}
          errorText={errorText}
          columns={columns}
          // Laid out fixed (the columns give their widths, the prefix takes the rest): a long URL is cut, never
          // widens the table, and the browser need not measure every cell, nor draw the rows out of view,
          // before showing 50 rows. Narrower than this, the table scrolls sideways.
          fixedLayout
          tableClassName={account.kind === "miniprogram" ? "min-w-[60rem]" : "min-w-[52rem]"}
          {...(canEdit ? { rowSelection, onRowSelectionChange } : {})}
          skeletonRows={8}
          totalTestId="rules-total"
          highlightedRowId={highlighted}
          empty={
            <Suspense fallback={null}>
              <RulesEmpty
                reason={emptyReason}
                kind={account.kind}
                canEdit={canEdit && !unusable}
                onAdd={openAdd}
                onClearFilters={clearFilters}
              />
            </Suspense>
          }
        />
      </div>

      {/* Each confirm dialog keys its requests from 1: fragments keep the two apart. */}
      <>{publishDialog}</>
      <>{deleteDialog}</>
      <Suspense fallback={null}>
        {canEdit && formOpened ? (
          <RuleFormDialog
            key={form.key}
            account={account}
            mode={form.mode}
            rule={form.rule}
            budget={summary}
            open={form.open}
            onOpenChange={(open) => setForm((previous) => ({ ...previous, open }))}
            onSaved={(rule) => {
              setHighlighted(rule.id);
              void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
            }}
          />
        ) : null}
      </Suspense>
    </div>
  );
}
