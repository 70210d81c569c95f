import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { hasRole } from "@/lib/roles";
import { listAccountsForAdmin } from "@/server/admin/accounts";
import { requireOperator } from "@/server/auth/session";

import { AccountsView } from "./_components/accounts-view";
import { AuthorizationNotice } from "./_components/authorization-notice";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.accounts");
  return { title: t("title") };
}

export default async function AccountsPage({ searchParams }: PageProps<"/accounts">) {
  const operator = await requireOperator();
  if (!hasRole(operator.role, "admin")) return <AdminOnlyNotice />;
  const [accounts, query] = await Promise.all([listAccountsForAdmin(), searchParams]);
  return <AccountsView accounts={accounts} canEdit notice={<AuthorizationNotice query={query} />} />;
}

/** What an operator or viewer who reaches this address sees instead of the accounts. */
async function AdminOnlyNotice() {
  const t = await getTranslations();
  return (
    <div className="space-y-6">
      <PageHeader title={t("pages.accounts.title")} />
      <section
        aria-labelledby="accounts-admin-only"
        className="flex max-w-2xl gap-3 rounded-lg border bg-muted/40 p-6"
        data-testid="accounts-admin-only"
      >
        <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
        <div className="space-y-1">
          <h2 id="accounts-admin-only" className="font-medium">
            {t("accountsAdmin.page.adminOnlyTitle")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("accountsAdmin.page.adminOnlyDescription")}</p>
        </div>
      </section>
    </div>
  );
}
