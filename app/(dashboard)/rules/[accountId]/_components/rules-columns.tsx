"use client";

import { useTranslations } from "next-intl";
import { useLayoutEffect, useMemo, useRef } from "react";

import { Badge } from "@/components/ui/badge";
import { DataTableColumnHeader } from "@/components/ui/data-table-column-header";
import { selectionColumn } from "@/components/ui/data-table";
import type { ColumnDef } from "@/components/ui/table-model";
import type { AccountView, MirroredRule, OpenVersion } from "@/lib/rules/contract";

import { BreakAfter } from "@/components/ui/break-after";
import { CopyButton } from "@/components/ui/copy-button";
import { UrlText } from "@/components/ui/url-text";
import { SimulateLink } from "@/components/wechat/simulate-link";
import { TestLinkQrCode } from "./test-link-qr";
import { type RuleActionHandlers, RowActions } from "./row-actions";

const OPEN_VERSION_KEY = { 1: "develop", 2: "trial", 3: "release" } as const satisfies Record<
  OpenVersion,
  string
>;

function None() {
  const t = useTranslations("rules.table");
  return <span className="text-muted-foreground">{t("none")}</span>;
}

export function RuleStateBadge({ state }: { state: MirroredRule["state"] }) {
  const t = useTranslations("rules.state");
  return state === 2 ? (
    <Badge variant="success" data-testid="rule-state" data-state-value="published">
      {t("published")}
    </Badge>
  ) : (
    <Badge variant="outline" data-testid="rule-state" data-state-value="unpublished">
      {t("unpublished")}
    </Badge>
  );
}

function TestLinks({ urls }: { urls: string[] }) {
  const t = useTranslations("rules.table");
  if (urls.length === 0) return <None />;
  return (
    <div className="space-y-1" data-testid="rule-test-links">
      <p className="text-xs text-muted-foreground">{t("linkCount", { count: urls.length })}</p>
      <ul className="space-y-1">
        {urls.map((url) => (
          <li key={url} className="flex min-w-0 items-center gap-1">
            <UrlText value={url} data-testid="rule-test-link" />
            <CopyButton value={url} label={t("copyTestLink", { url })} />
            <TestLinkQrCode url={url} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The rule table's columns for this account's kind; selection and actions only for those who may change rules. */
export function useRuleColumns({
  account,
  canEdit,
  handlers,
}: {
  account: AccountView;
  canEdit: boolean;
  handlers: RuleActionHandlers;
}): ColumnDef<MirroredRule>[] {
  const t = useTranslations("rules");
  // TanStack renders a cell function as a component, so new columns remount every cell (an open row
  // menu closes under the pointer). The columns stay the same while the handlers they call move on.
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });

  return useMemo(() => {
    const onEdit = (rule: MirroredRule) => latest.current.onEdit(rule);
    const onPublish = (rule: MirroredRule) => latest.current.onPublish(rule);
    const onDelete = (rule: MirroredRule) => latest.current.onDelete(rule);
    const typeA = account.kind === "miniprogram";
    const targetName = new Map(account.linkedMiniPrograms.map((mp) => [mp.appid, mp.name]));
    const columns: ColumnDef<MirroredRule>[] = [];

    if (canEdit) {
      columns.push(
        selectionColumn<MirroredRule>({
          selectAll: t("table.selectAll"),
          selectRow: (rule) => t("table.selectRule", { prefix: rule.prefix }),
        }),
      );
    }

    columns.push(
      {
        id: "prefix",
        accessorKey: "prefix",
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.prefix")} />,
        cell: ({ row }) => (
          <>
            <div className="flex min-w-0 items-center gap-1">
              <UrlText value={row.original.prefix} data-testid="rule-prefix" />
              <CopyButton
                value={row.original.prefix}
                label={t("table.copyPrefix", { prefix: row.original.prefix })}
              />
              <SimulateLink
                urls={[row.original.prefix, ...row.original.debugUrls]}
                label={t("table.simulate", { prefix: row.original.prefix })}
              />
            </div>
            {/* Occupying is about the prefix (nobody else may add rules under it): said where the prefix is. */}
            {row.original.permitSubRule === 2 ? (
              <Badge variant="secondary" title={t("occupy.yesHint")} data-testid="rule-occupies">
                {t("occupy.yes")}
              </Badge>
            ) : null}
          </>
        ),
      },
      {
        id: "path",
        accessorKey: "path",
        meta: { headClassName: typeA ? "w-[14.5%]" : "w-48" },
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.path")} />,
        cell: ({ row }) =>
          row.original.path ? (
            <span className="block font-mono text-xs [overflow-wrap:anywhere]">
              <BreakAfter text={row.original.path} at="/" />
            </span>
          ) : (
            <None />
          ),
      },
      {
        id: "state",
        accessorKey: "state",
        meta: { headClassName: "w-30" },
        header: ({ column }) => <DataTableColumnHeader column={column} title={t("columns.state")} />,
        cell: ({ row }) => <RuleStateBadge state={row.original.state} />,
      },
    );

    if (typeA) {
      columns.push(
        {
          id: "scope",
          enableSorting: false,
          meta: { headClassName: "w-26" },
          header: t("columns.scope"),
          cell: ({ row }) => {
            const version = row.original.openVersion;
            return version ? <span>{t(`openVersion.${OPEN_VERSION_KEY[version]}`)}</span> : <None />;
          },
        },
        {
          id: "testLinks",
          enableSorting: false,
          meta: { headClassName: "w-[24%]" },
          header: t("columns.testLinks"),
          cell: ({ row }) => <TestLinks urls={row.original.debugUrls} />,
        },
      );
    } else {
      columns.push({
        id: "target",
        enableSorting: false,
        meta: { headClassName: "w-56" },
        header: t("columns.target"),
        cell: ({ row }) => {
          const name = targetName.get(row.original.targetAppid);
          return (
            <div className="min-w-0">
              {name ? <div className="truncate">{name}</div> : null}
              <div className="font-mono text-xs text-muted-foreground">{row.original.targetAppid}</div>
            </div>
          );
        },
      });
    }

    if (canEdit) {
      columns.push({
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("columns.actions")}</span>,
        meta: { headClassName: "w-12", cellClassName: "w-12 text-right" },
        cell: ({ row }) => (
          <RowActions rule={row.original} onEdit={onEdit} onPublish={onPublish} onDelete={onDelete} />
        ),
      });
    }
    return columns;
  }, [account, canEdit, t]);
}
