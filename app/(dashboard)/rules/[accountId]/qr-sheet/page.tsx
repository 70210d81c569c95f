import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";

import { getDb } from "@/server/db";
import { getAccountView } from "@/server/rules/account-views";
import { readAllRules } from "@/server/rules/mirror";

import { QrSheet } from "./_components/qr-sheet";

const loadAccount = cache(getAccountView);

/** The most rules one sheet prints: a sheet is for a print run, not the whole account. */
const SHEET_LIMIT = 200;

export async function generateMetadata({
  params,
}: PageProps<"/rules/[accountId]/qr-sheet">): Promise<Metadata> {
  const { accountId } = await params;
  const [view, t] = await Promise.all([loadAccount(accountId), getTranslations("qrSheet")]);
  return { title: view ? t("documentTitle", { name: view.account.name }) : t("title") };
}

/** A printable sheet of an account's QR codes: each test link with the build it opens and for whom, and each rule's own. */
export default async function QrSheetPage({ params }: PageProps<"/rules/[accountId]/qr-sheet">) {
  const { accountId } = await params;
  const view = await loadAccount(accountId);
  if (!view) notFound();
  const rules = await readAllRules(await getDb(), view.account.id);
  return <QrSheet account={view.account} rules={rules.slice(0, SHEET_LIMIT)} total={rules.length} />;
}
