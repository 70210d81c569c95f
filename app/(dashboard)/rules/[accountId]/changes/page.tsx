import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";

import { requireOperator } from "@/server/auth/session";
import { getAccountView } from "@/server/rules/account-views";

import { ChangesView } from "./_components/changes-view";

const loadAccount = cache(getAccountView);

export async function generateMetadata({
  params,
}: PageProps<"/rules/[accountId]/changes">): Promise<Metadata> {
  const { accountId } = await params;
  const [view, t] = await Promise.all([loadAccount(accountId), getTranslations("changeSets")]);
  return { title: view ? t("account.documentTitle", { name: view.account.name }) : t("account.title") };
}

/** An account's bulk changes: import a file, export its rules, the change sets, drift. */
export default async function AccountChangesPage({ params }: PageProps<"/rules/[accountId]/changes">) {
  const { accountId } = await params;
  const [operator, view] = await Promise.all([requireOperator(), loadAccount(accountId)]);
  if (!view) notFound();
  return <ChangesView account={view.account} canEdit={view.canEdit} isAdmin={operator.role === "admin"} />;
}
