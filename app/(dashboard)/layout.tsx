import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { AccountPicker } from "@/components/shell/account-picker";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NavLinks } from "@/components/shell/nav-links";
import { OperatorMenu } from "@/components/shell/operator-menu";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { DASHBOARD_NAMESPACES, pickNamespaces } from "@/lib/i18n/client-namespaces";
import { requireOperator } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { listAccountViews } from "@/server/rules/account-views";
import { getSettings } from "@/server/settings";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const operator = await requireOperator();
  const [messages, t, settings, accounts] = await Promise.all([
    getMessages(),
    getTranslations(),
    getDb().then(getSettings),
    listAccountViews(),
  ]);
  const title = settings.organizationName || t("common.appName");

  return (
    // The shell's strings; each route adds its own (lib/i18n/client-namespaces.ts).
    <NextIntlClientProvider messages={pickNamespaces(messages, DASHBOARD_NAMESPACES)}>
      <div className="flex min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
        >
          {t("shell.skipToContent")}
        </a>
        <aside className="hidden w-60 shrink-0 border-r bg-muted/30 md:block print:hidden">
          <div className="flex h-14 items-center px-6">
            <Link href="/rules" className="truncate font-semibold">
              {title}
            </Link>
          </div>
          <nav aria-label={t("nav.label")} className="px-3 py-2">
            <NavLinks role={operator.role} />
          </nav>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center gap-2 border-b px-4 print:hidden">
            <MobileNav title={title} role={operator.role} />
            <span className="truncate font-semibold md:hidden">{title}</span>
            <AccountPicker accounts={accounts} />
            <div className="ml-auto flex items-center gap-1">
              <LanguageSwitch />
              <ThemeToggle />
              <OperatorMenu operator={operator} />
            </div>
          </header>
          <main id="main" className="flex-1 p-4 md:p-8">
            {children}
          </main>
        </div>
      </div>
    </NextIntlClientProvider>
  );
}
