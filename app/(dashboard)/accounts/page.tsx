import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PlaceholderPage } from "@/components/shell/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.accounts");
  return { title: t("title") };
}

export default function AccountsPage() {
  return <PlaceholderPage page="accounts" />;
}
