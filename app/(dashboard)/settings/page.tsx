import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { hasRole } from "@/lib/roles";
import { requireOperator } from "@/server/auth/session";
import { publicUrl } from "@/server/client-address";
import { getDb } from "@/server/db";
import { getPlatformSettingsView } from "@/server/platform/settings";
import { getSettings } from "@/server/settings";

import { PlatformSettingsForm } from "./_components/platform-settings-form";
import { SettingsForm } from "./_components/settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const operator = await requireOperator();
  const isAdmin = hasRole(operator.role, "admin");
  const db = await getDb();
  const [t, settings, platform] = await Promise.all([
    getTranslations("pages.settings"),
    getSettings(db),
    // The platform's settings are for admins only; others do not learn whether it is configured.
    isAdmin ? getPlatformSettingsView(db, publicUrl()) : null,
  ]);
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <SettingsForm initial={settings} canEdit={isAdmin} />
      {platform ? <PlatformSettingsForm initial={platform} /> : null}
    </div>
  );
}
