"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { changeSetKeys, fetchAccountChanges } from "@/lib/changesets/queries";
import type { AccountView } from "@/lib/rules/contract";

import { ApprovalSetting } from "./approval-setting";
import { ChangeSetList } from "./change-set-list";
import { DriftPanel } from "./drift-panel";
import { ExportLinks } from "./export-links";
import { ImportForm } from "./import-form";

/** One account's bulk changes: a file in, the rules out, every change set, and drift. */
export function ChangesView({
  account,
  canEdit,
  isAdmin,
}: {
  account: AccountView;
  canEdit: boolean;
  isAdmin: boolean;
}) {
  const t = useTranslations("changeSets.account");
  const changes = useQuery({
    queryKey: changeSetKeys.account(account.id),
    queryFn: ({ signal }) => fetchAccountChanges(account.id, signal),
    // While one runs, its progress in the list moves.
    refetchInterval: (query) =>
      query.state.data?.changeSets.some((set) => ["queued", "running", "cancelling"].includes(set.status))
        ? 2_000
        : false,
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("heading", { name: account.name })}
        description={t("description")}
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href={`/rules/${encodeURIComponent(account.id)}`}>
              <ArrowLeft aria-hidden />
              {t("back")}
            </Link>
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {canEdit ? <ImportForm account={account} /> : null}
        <ExportLinks account={account} />
      </div>
      <DriftPanel account={account} drift={changes.data?.drift ?? null} canEdit={canEdit} />
      {isAdmin ? (
        <ApprovalSetting account={account} required={changes.data?.changesNeedApproval ?? null} />
      ) : null}
      <ChangeSetList request={changes} />
    </div>
  );
}
