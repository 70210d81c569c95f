import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PlaceholderPage } from "@/components/shell/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.activity");
  return { title: t("title") };
}

export default function ActivityPage() {
  return <PlaceholderPage page="activity" />;
}
