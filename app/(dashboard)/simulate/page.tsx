import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { MAX_SIMULATED_URLS } from "@/lib/schemas/scan";
import { SCAN_ROLES, type ScanRole } from "@/lib/scan/roles";
import { requireOperator } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { overlapsFor } from "@/server/scan/overlaps";

import { OverlapReport } from "./_components/overlap-report";
import { ScanSimulator } from "./_components/scan-simulator";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scan");
  return { title: t("title") };
}

function listOf(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).slice(0, MAX_SIMULATED_URLS);
}

export default async function SimulatePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await requireOperator();
  const [t, params, db] = await Promise.all([getTranslations("scan"), searchParams, getDb()]);
  const [role] = listOf(params.role);
  const initialRole: ScanRole = SCAN_ROLES.find((known) => known === role) ?? "user";
  const overlaps = await overlapsFor(db, operator);
  return (
    <div className="max-w-4xl space-y-8">
      <PageHeader title={t("title")} description={t("description")} />
      <ScanSimulator initialUrls={listOf(params.url)} initialRole={initialRole} />
      <OverlapReport report={overlaps} />
    </div>
  );
}
