"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

import { ProgressBar } from "@/components/changesets/progress-bar";
import { ChangeSetStatusBadge } from "@/components/changesets/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { type AccountChanges, changeSetHref } from "@/lib/changesets/queries";

/** The account's change sets, newest first, each linking to its page. */
export function ChangeSetList({ request }: { request: UseQueryResult<AccountChanges> }) {
  const t = useTranslations("changeSets.list");
  const kinds = useTranslations("changeSets.kinds");
  const format = useFormatter();
  const rows = request.data?.changeSets ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {request.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {t("failed")}
          </p>
        ) : null}
        <Table data-testid="change-set-list">
          <TableCaption className="sr-only">{t("title")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("created")}</TableHead>
              <TableHead>{t("kind")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead>{t("changes")}</TableHead>
              <TableHead className="w-48">{t("progress")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={5} className="text-center text-sm text-muted-foreground">
                  {request.isPending ? t("loading") : t("empty")}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell>
                    <Link
                      className="text-primary underline-offset-4 hover:underline"
                      href={changeSetHref(row.id)}
                    >
                      {format.dateTime(new Date(row.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                    </Link>
                    {row.createdBy ? (
                      <span className="block text-xs text-muted-foreground">{row.createdBy}</span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {kinds(row.kind)}
                    {row.source ? (
                      <span className="block text-xs text-muted-foreground">{row.source.fileName}</span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <ChangeSetStatusBadge status={row.status} />
                  </TableCell>
                  <TableCell className="text-sm">
                    {t("counts", {
                      add: row.counts.add,
                      change: row.counts.edit + row.counts.replace + row.counts.publish,
                      remove: row.counts.delete,
                      invalid: row.counts.invalid,
                    })}
                  </TableCell>
                  <TableCell>
                    <ProgressBar progress={row.progress} label={t("progress")} compact />
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
