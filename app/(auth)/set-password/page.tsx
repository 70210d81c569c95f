import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { LanguageSwitch } from "@/components/shell/language-switch";
import { ThemeToggle } from "@/components/shell/theme-toggle";

import { SetPasswordForm } from "./_components/set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("setPassword");
  // The token is in the address: never send it on as a referrer, never index the page.
  return { title: t("title"), referrer: "no-referrer", robots: { index: false, follow: false } };
}

/** Public: whoever holds a valid one-time link may set that operator's password, signed in or not. */
export default async function SetPasswordPage({ searchParams }: PageProps<"/set-password">) {
  const { token } = await searchParams;
  const value = (Array.isArray(token) ? token[0] : token) ?? "";
  const t = await getTranslations();

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-end gap-2 p-4">
        <LanguageSwitch />
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-center justify-center px-4 pb-24">
        <div className="w-full max-w-sm space-y-6">
          <div className="space-y-2 text-center">
            <p className="text-sm font-medium text-primary">{t("common.appName")}</p>
            <h1 className="text-2xl font-semibold tracking-tight">{t("setPassword.title")}</h1>
            <p className="text-sm text-muted-foreground">{t("setPassword.subtitle")}</p>
          </div>
          <SetPasswordForm token={value} />
        </div>
      </main>
    </div>
  );
}
