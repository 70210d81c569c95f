import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense, cache } from "react";

import { createLoader } from "nuqs/server";

import { QueryData } from "@/components/data-table/query-data";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { resolveRuleQuery, ruleQueryParsers } from "@/lib/rules/query-params";
import { ruleKeys } from "@/lib/rules/queries";
import { accountExists, getAccountView } from "@/server/rules/account-views";
import { rulePageForPage } from "@/server/rules/rule-page";

import { NoAccess } from "./_components/no-access";
import { RulesView } from "./_components/rules-view";
import { RulesPageSkeleton } from "./_components/rules-skeleton";
import { VerificationAlert } from "./_components/verification-alert";

// Metadata and the page ask for the same account in one request.
const loadAccount = cache(getAccountView);
const loadRuleQuery = createLoader(ruleQueryParsers);

export async function generateMetadata({ params }: PageProps<"/rules/[accountId]">): Promise<Metadata> {
  const { accountId } = await params;
  const [view, t] = await Promise.all([loadAccount(accountId), getTranslations()]);
  return {
    title: view ? t("rules.page.documentTitle", { name: view.account.name }) : t("pages.rules.title"),
  };
}

export default async function AccountRulesPage({ params, searchParams }: PageProps<"/rules/[accountId]">) {
  const { accountId } = await params;
  const view = await loadAccount(accountId);
  if (!view) {
    if (await accountExists(accountId)) return <NoAccess />;
    notFound();
  }
  // The table's page the address asks for, read here so it comes with the page rather than after it.
  const query = resolveRuleQuery(loadRuleQuery(await searchParams), view.account.kind);
  const firstPage = await rulePageForPage(view.account.id, query);
  return (
    // The view reads its filters from the URL's search params, which needs a Suspense boundary.
    <Suspense fallback={<RulesPageSkeleton />}>
      <TableUrlState>
        <QueryData entries={[[ruleKeys.list(view.account.id, query), firstPage]]}>
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
        </QueryData>
      </TableUrlState>
    </Suspense>
  );
}
