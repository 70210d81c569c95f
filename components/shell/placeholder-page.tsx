import { getTranslations } from "next-intl/server";

import { Badge } from "@/components/ui/badge";

import { PageHeader } from "./page-header";

/** A page whose feature is still to come: it says what will be there. */
export async function PlaceholderPage({ page }: { page: "rules" | "activity" | "accounts" | "operators" }) {
  const t = await getTranslations();
  return (
    <div className="space-y-6">
      <PageHeader title={t(`pages.${page}.title`)} description={t(`pages.${page}.description`)} />
      <section className="rounded-lg border border-dashed p-8 text-center">
        <Badge variant="outline">{t("common.comingSoon")}</Badge>
        <p className="mx-auto mt-4 max-w-2xl text-sm leading-6 text-muted-foreground">
          {t(`pages.${page}.placeholder`)}
        </p>
      </section>
    </div>
  );
}
