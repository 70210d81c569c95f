import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { hasRole } from "@/lib/roles";
import { requireOperator } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getSettings } from "@/server/settings";

import { SettingsForm } from "./_components/settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const operator = await requireOperator();
  const [t, settings] = await Promise.all([getTranslations("pages.settings"), getDb().then(getSettings)]);
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsForm initial={settings} canEdit={hasRole(operator.role, "admin")} />
    </div>
  );
}
