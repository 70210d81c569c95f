"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, createContext, useContext, useMemo } from "react";

import { Badge } from "@/components/ui/badge";
import { DataTableColumnHeader } from "@/components/ui/data-table-column-header";
import type { CellContext, ColumnDef, HeaderContext } from "@/components/ui/table-model";
import type { AccountAdminView, OperatorView } from "@/lib/admin/contract";
import type { Role } from "@/lib/roles";

import { type OperatorActionHandlers, OperatorRowActions } from "./operator-row-actions";

const ROLE_BADGE = { admin: "default", operator: "secondary", viewer: "outline" } as const satisfies Record<
  Role,
  "default" | "secondary" | "outline"
>;

const ROLE_RANK: Record<Role, number> = { admin: 0, operator: 1, viewer: 2 };

export function RoleBadge({ role }: { role: Role }) {
  const t = useTranslations("shell.roles");
  return (
    <Badge variant={ROLE_BADGE[role]} data-testid="operator-role" data-role={role}>
      {t(role)}
    </Badge>
  );
}

function StateBadge({ disabled }: { disabled: boolean }) {
  const t = useTranslations("operatorsAdmin.state");
  return disabled ? (
    <Badge variant="outline" data-testid="operator-state" data-state-value="disabled">
      {t("disabled")}
    </Badge>
  ) : (
    <Badge variant="success" data-testid="operator-state" data-state-value="active">
      {t("active")}
    </Badge>
  );
}

function AccountNames({ operator, names }: { operator: OperatorView; names: Map<string, string> }) {
  const t = useTranslations("operatorsAdmin.accounts");
  if (operator.role === "admin") return <span>{t("all")}</span>;
  if (operator.accountIds.length === 0) return <span className="text-muted-foreground">{t("none")}</span>;
  return (
    <ul className="max-w-72 space-y-0.5" data-testid="operator-accounts">
      {operator.accountIds.map((id) => (
        <li key={id} className="truncate">
          {names.get(id) ?? <span className="text-muted-foreground">{t("removed")}</span>}
        </li>
      ))}
    </ul>
  );
}

/** What the operator table's cells read that is not in their row: it changes without the columns changing. */
interface OperatorRows {
  /** Account names by id, for the accounts an operator is given. */
  names: Map<string, string>;
  currentOperatorId: string;
  /** The operator whose password is being reset, if any. */
  resettingId: string | null;
  handlers: OperatorActionHandlers;
}

const OperatorRowsContext = createContext<OperatorRows | null>(null);

function useOperatorRows(): OperatorRows {
  const rows = useContext(OperatorRowsContext);
  if (!rows) throw new Error("An operator table cell is drawn outside OperatorRowsProvider");
  return rows;
}

/**
 * What the cells of {@link OPERATOR_COLUMNS} read besides their row. A cell function is drawn as a component, so
 * columns rebuilt on a refresh would remount every cell and close a row menu under the pointer; the columns
 * never change, and a refresh only redraws the cells that read what changed.
 */
export function OperatorRowsProvider({
  accounts,
  currentOperatorId,
  resettingId,
  handlers,
  children,
}: Omit<OperatorRows, "names"> & { accounts: AccountAdminView[]; children: ReactNode }) {
  const { onEdit, onResetPassword, onToggleDisabled, onSessions } = handlers;
  const value = useMemo(
    () => ({
      names: new Map(accounts.map((account) => [account.id, account.name])),
      currentOperatorId,
      resettingId,
      handlers: { onEdit, onResetPassword, onToggleDisabled, onSessions },
    }),
    [accounts, currentOperatorId, resettingId, onEdit, onResetPassword, onToggleDisabled, onSessions],
  );
  return <OperatorRowsContext value={value}>{children}</OperatorRowsContext>;
}

function SortableTitle({
  column,
  title,
}: HeaderContext<OperatorView> & { title: "name" | "email" | "role" | "state" }) {
  const t = useTranslations("operatorsAdmin.columns");
  return <DataTableColumnHeader column={column} title={t(title)} />;
}

function AccountsTitle() {
  const t = useTranslations("operatorsAdmin.columns");
  return t("accounts");
}

function ActionsTitle() {
  const t = useTranslations("operatorsAdmin.columns");
  return <span className="sr-only">{t("actions")}</span>;
}

function NameCell({ row }: CellContext<OperatorView>) {
  const t = useTranslations("operatorsAdmin");
  const { currentOperatorId } = useOperatorRows();
  return (
    <div className="flex min-w-32 items-center gap-2">
      <span className="font-medium">{row.original.name}</span>
      {row.original.id === currentOperatorId ? <Badge variant="outline">{t("you")}</Badge> : null}
    </div>
  );
}

function AccountsCell({ row }: CellContext<OperatorView>) {
  const { names } = useOperatorRows();
  return <AccountNames operator={row.original} names={names} />;
}

function ActionsCell({ row }: CellContext<OperatorView>) {
  const { resettingId, handlers } = useOperatorRows();
  return (
    <OperatorRowActions operator={row.original} resetting={resettingId === row.original.id} {...handlers} />
  );
}

/** The operator table's columns: who, their role, the accounts given, whether they may sign in, and actions. */
export const OPERATOR_COLUMNS: ColumnDef<OperatorView>[] = [
  {
    id: "name",
    accessorKey: "name",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="name" />,
    cell: NameCell,
  },
  {
    id: "email",
    accessorKey: "email",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="email" />,
    cell: ({ row }) => (
      <span className="[overflow-wrap:anywhere]" data-testid="operator-email">
        {row.original.email}
      </span>
    ),
  },
  {
    id: "role",
    accessorKey: "role",
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="role" />,
    // Strongest role first when sorted ascending.
    sortingFn: (a, b) => ROLE_RANK[a.original.role] - ROLE_RANK[b.original.role],
    cell: ({ row }) => <RoleBadge role={row.original.role} />,
  },
  { id: "accounts", enableSorting: false, header: AccountsTitle, cell: AccountsCell },
  {
    id: "state",
    accessorFn: (operator) => (operator.disabled ? 1 : 0),
    header: ({ column, table }) => <SortableTitle column={column} table={table} title="state" />,
    cell: ({ row }) => <StateBadge disabled={row.original.disabled} />,
  },
  {
    id: "actions",
    enableSorting: false,
    header: ActionsTitle,
    meta: { headClassName: "w-12", cellClassName: "w-12 text-right" },
    cell: ActionsCell,
  },
];
