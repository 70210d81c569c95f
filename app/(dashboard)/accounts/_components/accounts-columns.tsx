"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, createContext, useContext, useMemo } from "react";

import { Badge } from "@/components/ui/badge";
import { DataTableColumnHeader } from "@/components/ui/data-table-column-header";
import type { CellContext, ColumnDef, HeaderContext } from "@/components/ui/table-model";
import type { AccountAdminView } from "@/lib/admin/contract";

import { type AccountActionHandlers, AccountRowActions } from "./account-row-actions";
import { AccountCapability } from "./account-capability";
import { PlatformGrant } from "./platform-grant";
import { CopyButton } from "@/components/ui/copy-button";

/** Linked Mini Programs shown before the rest fold away. */
const LINKED_SHOWN = 3;

function Muted({ children }: { children: string }) {
  return <span className="whitespace-nowrap text-muted-foreground">{children}</span>;
}

function LinkedMiniPrograms({ account }: { account: AccountAdminView }) {
  const t = useTranslations("accountsAdmin.table");
  if (account.kind === "miniprogram") return <Muted>{t("notApplicable")}</Muted>;
  const appids = account.linkedMiniPrograms;
  if (appids.length === 0) return <Muted>{t("none")}</Muted>;
  const item = (appid: string) => (
    <li key={appid} className="font-mono text-xs">
      {appid}
    </li>
  );
  const shown = appids.length > LINKED_SHOWN + 1 ? appids.slice(0, LINKED_SHOWN) : appids;
  const rest = appids.slice(shown.length);
  return (
    <div data-testid="account-linked">
      <ul className="space-y-0.5">{shown.map(item)}</ul>
      {rest.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-muted-foreground">
            {t("more", { count: rest.length })}
          </summary>
          <ul className="mt-0.5 space-y-0.5">{rest.map(item)}</ul>
        </details>
      ) : null}
    </div>
  );
}

function MirroredRules({ account }: { account: AccountAdminView }) {
  const t = useTranslations("accountsAdmin.table");
  const count = account.mirroredRules;
  // A disabled account's rules page is closed; so is one with nothing to show.
  if (account.disabled || count === 0) return <span className="tabular-nums">{count}</span>;
  return (
    <Link
      href={`/rules/${account.id}`}
      className="tabular-nums underline-offset-4 hover:underline"
      aria-label={t("openRules", { count, name: account.name })}
    >
      {count}
    </Link>
  );
}

/** What the account table's cells read besides their row; it may change while the columns stay the same. */
interface AccountRows {
  canEdit: boolean;
  handlers: AccountActionHandlers;
}

const AccountRowsContext = createContext<AccountRows | null>(null);

function useAccountRows(): AccountRows {
  const rows = useContext(AccountRowsContext);
  if (!rows) throw new Error("An account table cell is drawn outside AccountRowsProvider");
  return rows;
}

/**
 * What the cells of {@link accountColumns} read besides their row. A cell function is drawn as a component, so
 * columns rebuilt on a refresh would remount every cell and close a row menu under the pointer; the columns
 * never change, and a refresh only redraws the cells that read what changed.
 */
export function AccountRowsProvider({ canEdit, handlers, children }: AccountRows & { children: ReactNode }) {
  const { onEdit, onToggleDisabled, onDelete } = handlers;
  const value = useMemo(
    () => ({ canEdit, handlers: { onEdit, onToggleDisabled, onDelete } }),
    [canEdit, onEdit, onToggleDisabled, onDelete],
  );
  return <AccountRowsContext value={value}>{children}</AccountRowsContext>;
}

type Title = "name" | "kind" | "appid" | "secret" | "tokenMode" | "linked" | "rules" | "state" | "capability";

function SortableTitle({ column, title }: HeaderContext<AccountAdminView> & { title: Title }) {
  const t = useTranslations("accountsAdmin.columns");
  return <DataTableColumnHeader column={column} title={t(title)} />;
}

/** A column's plain (not sortable) heading. */
const plainTitle = (title: Title) =>
  function PlainTitle() {
    const t = useTranslations("accountsAdmin.columns");
    return t(title);
  };

function ActionsTitle() {
  const t = useTranslations("accountsAdmin.columns");
  return <span className="sr-only">{t("actions")}</span>;
}

function KindCell({ row }: CellContext<AccountAdminView>) {
  const t = useTranslations("accountsAdmin.kind");
  return <Badge variant="secondary">{t(row.original.kind)}</Badge>;
}

function AppidCell({ row }: CellContext<AccountAdminView>) {
  const t = useTranslations("accountsAdmin.table");
  return (
    <div className="flex items-center gap-1">
      <span className="font-mono text-xs" data-testid="account-appid">
        {row.original.appid}
      </span>
      <CopyButton value={row.original.appid} label={t("copyAppid", { appid: row.original.appid })} />
    </div>
  );
}

function SecretCell({ row }: CellContext<AccountAdminView>) {
  const t = useTranslations("accountsAdmin.table");
  return row.original.platform ? (
    <span data-testid="account-secret">
      <Muted>{t("noSecret")}</Muted>
    </span>
  ) : (
    <span
      className="whitespace-nowrap font-mono text-xs"
      title={t("secretHint", { hint: row.original.secretHint })}
      data-testid="account-secret"
    >
      ••••{row.original.secretHint}
    </span>
  );
}

function TokenModeCell({ row }: CellContext<AccountAdminView>) {
  const t = useTranslations("accountsAdmin.tokenMode");
  return row.original.platform ? (
    <PlatformGrant platform={row.original.platform} />
  ) : (
    <span className="whitespace-nowrap">{t(row.original.tokenMode)}</span>
  );
}

function StateCell({ row }: CellContext<AccountAdminView>) {
  const t = useTranslations("accountsAdmin.state");
  return row.original.disabled ? (
    <Badge
      variant="outline"
      className="text-muted-foreground"
      data-testid="account-state"
      data-state-value="disabled"
    >
      {t("disabled")}
    </Badge>
  ) : (
    <Badge variant="success" data-testid="account-state" data-state-value="active">
      {t("active")}
    </Badge>
  );
}

function CapabilityCell({ row }: CellContext<AccountAdminView>) {
  const { canEdit } = useAccountRows();
  return <AccountCapability account={row.original} canCheck={canEdit} />;
}

function ActionsCell({ row }: CellContext<AccountAdminView>) {
  const { handlers } = useAccountRows();
  return <AccountRowActions account={row.original} {...handlers} />;
}

const COLUMNS: ColumnDef<AccountAdminView>[] = [
  {
    id: "name",
    accessorKey: "name",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="name" />,
    cell: ({ row }) => (
      <span className="block min-w-32 font-medium [overflow-wrap:anywhere]" data-testid="account-name">
        {row.original.name}
      </span>
    ),
  },
  {
    id: "kind",
    accessorKey: "kind",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="kind" />,
    cell: KindCell,
  },
  { id: "appid", accessorKey: "appid", enableSorting: false, header: plainTitle("appid"), cell: AppidCell },
  { id: "secret", enableSorting: false, header: plainTitle("secret"), cell: SecretCell },
  {
    id: "tokenMode",
    accessorKey: "tokenMode",
    enableSorting: false,
    header: plainTitle("tokenMode"),
    cell: TokenModeCell,
  },
  {
    id: "linked",
    enableSorting: false,
    header: plainTitle("linked"),
    cell: ({ row }) => <LinkedMiniPrograms account={row.original} />,
  },
  {
    id: "rules",
    accessorKey: "mirroredRules",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="rules" />,
    cell: ({ row }) => <MirroredRules account={row.original} />,
  },
  {
    id: "state",
    accessorKey: "disabled",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="state" />,
    cell: StateCell,
  },
  { id: "capability", enableSorting: false, header: plainTitle("capability"), cell: CapabilityCell },
];

const COLUMNS_WITH_ACTIONS: ColumnDef<AccountAdminView>[] = [
  ...COLUMNS,
  {
    id: "actions",
    enableSorting: false,
    header: ActionsTitle,
    meta: { headClassName: "w-12", cellClassName: "w-12 text-right" },
    cell: ActionsCell,
  },
];

/** The account table's columns; the row actions only for those who may change accounts. */
export function accountColumns(canEdit: boolean): ColumnDef<AccountAdminView>[] {
  return canEdit ? COLUMNS_WITH_ACTIONS : COLUMNS;
}
