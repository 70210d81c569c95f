import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense, cache } from "react";

import { TableUrlState } from "@/components/data-table/table-url-state";
import { accountExists, getAccountView } from "@/server/rules/account-views";

import { NoAccess } from "./_components/no-access";
import { RulesView } from "./_components/rules-view";
import { RulesPageSkeleton } from "./_components/rules-skeleton";
import { VerificationAlert } from "./_components/verification-alert";

// Metadata and the page ask for the same account in one request.
const loadAccount = cache(getAccountView);

export async function generateMetadata({ params }: PageProps<"/rules/[accountId]">): Promise<Metadata> {
  const { accountId } = await params;
  const [view, t] = await Promise.all([loadAccount(accountId), getTranslations()]);
  return {
    title: view ? t("rules.page.documentTitle", { name: view.account.name }) : t("pages.rules.title"),
  };
}

export default async function AccountRulesPage({ params }: PageProps<"/rules/[accountId]">) {
  const { accountId } = await params;
  const view = await loadAccount(accountId);
  if (!view) {
    if (await accountExists(accountId)) return <NoAccess />;
    notFound();
  }
  return (
    // The view reads its filters from the URL's search params, which needs a Suspense boundary.
    <Suspense fallback={<RulesPageSkeleton />}>
      <TableUrlState>
        <RulesView
          key={view.account.id}
          account={view.account}
          canEdit={view.canEdit}
          verificationAlert={
            view.account.kind === "miniprogram" ? (
              // Streams in after the page: its read of the last recheck never holds the table back.
              <Suspense fallback={null}>
                <VerificationAlert accountId={view.account.id} canEdit={view.canEdit} />
              </Suspense>
            ) : null
          }
        />
      </TableUrlState>
    </Suspense>
  );
}
