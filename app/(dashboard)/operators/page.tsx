import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PlaceholderPage } from "@/components/shell/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.operators");
  return { title: t("title") };
}

export default function OperatorsPage() {
  return <PlaceholderPage page="operators" />;
}
