"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { Badge } from "@/components/ui/badge";
import { DataTableColumnHeader } from "@/components/ui/data-table-column-header";
import type { ColumnDef } from "@/components/ui/table-model";
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

/** The account table's columns; the row actions only for those who may change accounts. */
export function useAccountColumns({
  canEdit,
  handlers,
}: {
  canEdit: boolean;
  handlers: AccountActionHandlers;
}): ColumnDef<AccountAdminView>[] {
  const t = useTranslations("accountsAdmin");
  const { onEdit, onToggleDisabled, onDelete } = handlers;

  return useMemo(() => {
    const columns: ColumnDef<AccountAdminView>[] = [
      {
        id: "name",
        accessorKey: "name",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.name")} />,
        cell: ({ row }) => (
          <span className="block min-w-32 font-medium [overflow-wrap:anywhere]" data-testid="account-name">
            {row.original.name}
          </span>
        ),
      },
      {
        id: "kind",
        accessorKey: "kind",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.kind")} />,
        cell: ({ row }) => <Badge variant="secondary">{t(`kind.${row.original.kind}`)}</Badge>,
      },
      {
        id: "appid",
        accessorKey: "appid",
        enableSorting: false,
        header: t("columns.appid"),
        cell: ({ row }) => (
          <div className="flex items-center gap-1">
            <span className="font-mono text-xs" data-testid="account-appid">
              {row.original.appid}
            </span>
            <CopyButton
              value={row.original.appid}
              label={t("table.copyAppid", { appid: row.original.appid })}
            />
          </div>
        ),
      },
      {
        id: "secret",
        enableSorting: false,
        header: t("columns.secret"),
        cell: ({ row }) =>
          row.original.platform ? (
            <span data-testid="account-secret">
              <Muted>{t("table.noSecret")}</Muted>
            </span>
          ) : (
            <span
              className="whitespace-nowrap font-mono text-xs"
              title={t("table.secretHint", { hint: row.original.secretHint })}
              data-testid="account-secret"
            >
              ••••{row.original.secretHint}
            </span>
          ),
      },
      {
        id: "tokenMode",
        accessorKey: "tokenMode",
        enableSorting: false,
        header: t("columns.tokenMode"),
        cell: ({ row }) =>
          row.original.platform ? (
            <PlatformGrant platform={row.original.platform} />
          ) : (
            <span className="whitespace-nowrap">{t(`tokenMode.${row.original.tokenMode}`)}</span>
          ),
      },
      {
        id: "linked",
        enableSorting: false,
        header: t("columns.linked"),
        cell: ({ row }) => <LinkedMiniPrograms account={row.original} />,
      },
      {
        id: "rules",
        accessorKey: "mirroredRules",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.rules")} />,
        cell: ({ row }) => <MirroredRules account={row.original} />,
      },
      {
        id: "state",
        accessorKey: "disabled",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.state")} />,
        cell: ({ row }) =>
          row.original.disabled ? (
            <Badge
              variant="outline"
              className="text-muted-foreground"
              data-testid="account-state"
              data-state-value="disabled"
            >
              {t("state.disabled")}
            </Badge>
          ) : (
            <Badge variant="success" data-testid="account-state" data-state-value="active">
              {t("state.active")}
            </Badge>
          ),
      },
      {
        id: "capability",
        enableSorting: false,
        header: t("columns.capability"),
        cell: ({ row }) => <AccountCapability account={row.original} canCheck={canEdit} />,
      },
    ];

    if (canEdit) {
      columns.push({
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("columns.actions")}</span>,
        meta: { headClassName: "w-12", cellClassName: "w-12 text-right" },
        cell: ({ row }) => (
          <AccountRowActions
            account={row.original}
            onEdit={onEdit}
            onToggleDisabled={onToggleDisabled}
            onDelete={onDelete}
          />
        ),
      });
    }
    return columns;
  }, [canEdit, t, onEdit, onToggleDisabled, onDelete]);
}
