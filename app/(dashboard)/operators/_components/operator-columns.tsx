"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { Badge } from "@/components/ui/badge";
import { DataTableColumnHeader } from "@/components/ui/data-table-column-header";
import type { ColumnDef } from "@/components/ui/table-model";
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

/** The operator table's columns: who, their role, the accounts given, whether they may sign in, and actions. */
export function useOperatorColumns({
  accounts,
  currentOperatorId,
  resettingId,
  handlers,
}: {
  accounts: AccountAdminView[];
  currentOperatorId: string;
  /** The operator whose password is being reset, if any. */
  resettingId: string | null;
  handlers: OperatorActionHandlers;
}): ColumnDef<OperatorView>[] {
  const t = useTranslations("operatorsAdmin");
  const { onEdit, onResetPassword, onToggleDisabled, onSessions } = handlers;

  return useMemo(() => {
    const names = new Map(accounts.map((account) => [account.id, account.name]));
    return [
      {
        id: "name",
        accessorKey: "name",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.name")} />,
        cell: ({ row }) => (
          <div className="flex min-w-32 items-center gap-2">
            <span className="font-medium">{row.original.name}</span>
            {row.original.id === currentOperatorId ? <Badge variant="outline">{t("you")}</Badge> : null}
          </div>
        ),
      },
      {
        id: "email",
        accessorKey: "email",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.email")} />,
        cell: ({ row }) => (
          <span className="[overflow-wrap:anywhere]" data-testid="operator-email">
            {row.original.email}
          </span>
        ),
      },
      {
        id: "role",
        accessorKey: "role",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.role")} />,
        // Strongest role first when sorted ascending.
        sortingFn: (a, b) => ROLE_RANK[a.original.role] - ROLE_RANK[b.original.role],
        cell: ({ row }) => <RoleBadge role={row.original.role} />,
      },
      {
        id: "accounts",
        enableSorting: false,
        header: t("columns.accounts"),
        cell: ({ row }) => <AccountNames operator={row.original} names={names} />,
      },
      {
        id: "state",
        accessorFn: (operator) => (operator.disabled ? 1 : 0),
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.state")} />,
        cell: ({ row }) => <StateBadge disabled={row.original.disabled} />,
      },
      {
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("columns.actions")}</span>,
        meta: { headClassName: "w-12", cellClassName: "w-12 text-right" },
        cell: ({ row }) => (
          <OperatorRowActions
            operator={row.original}
            resetting={resettingId === row.original.id}
            onEdit={onEdit}
            onResetPassword={onResetPassword}
            onToggleDisabled={onToggleDisabled}
            onSessions={onSessions}
          />
        ),
      },
    ];
  }, [accounts, currentOperatorId, resettingId, t, onEdit, onResetPassword, onToggleDisabled, onSessions]);
}
