import type { Metadata } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { AppProviders } from "@/components/providers/app-providers";
import { pickNamespaces, SIGNED_OUT_NAMESPACES } from "@/lib/i18n/client-namespaces";
import { EARLY_CLICK_SCRIPT } from "@/lib/ui/early-clicks";

import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  // Set by proxy.ts on every page request; reading the request headers also keeps every page dynamically
  // rendered, which the per-request nonce needs.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class on <html> before hydration.
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        {/* Before hydration, a click on a control that opens on first use is kept for it (lib/ui/early-clicks.ts).
            The browser hides a nonce from the DOM, so the attribute cannot match when React hydrates. */}
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: EARLY_CLICK_SCRIPT }}
          suppressHydrationWarning
        />
        {/* The browser gets the strings of the signed-out pages only; the dashboard's layouts hand their
            pages what those read (lib/i18n/client-namespaces.ts). */}
        <NextIntlClientProvider messages={pickNamespaces(messages, SIGNED_OUT_NAMESPACES)}>
          <AppProviders nonce={nonce}>{children}</AppProviders>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
