import { Building2 } from "lucide-react";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { listAccountViews } from "@/server/rules/account-views";

/** Set by the account picker in the header (components/shell/account-picker.tsx). */
const ACCOUNT_COOKIE = "qrjump_account";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.rules");
  return { title: t("title") };
}

/** Opens the account the operator last picked, or the first one; with none, says where accounts come from. */
export default async function RulesPage() {
  const [accounts, cookieStore] = await Promise.all([listAccountViews(), cookies()]);
  const remembered = cookieStore.get(ACCOUNT_COOKIE)?.value;
  const account = accounts.find((candidate) => candidate.id === remembered) ?? accounts[0];
  if (account) redirect(`/rules/${account.id}`);

  const t = await getTranslations();
  return (
    <div className="space-y-6">
      <PageHeader title={t("pages.rules.title")} description={t("pages.rules.description")} />
      <section
        aria-labelledby="no-accounts-title"
        className="mx-auto flex max-w-xl flex-col items-center gap-3 rounded-lg border border-dashed p-10 text-center"
        data-testid="rules-no-accounts"
      >
        <Building2 aria-hidden className="size-10 text-muted-foreground" />
        <h2 id="no-accounts-title" className="text-lg font-semibold">
          {t("rules.noAccounts.title")}
        </h2>
        <p className="text-sm leading-6 text-muted-foreground">{t("rules.noAccounts.description")}</p>
        <Button asChild variant="outline" className="mt-2">
          <Link href="/accounts">{t("rules.noAccounts.action")}</Link>
        </Button>
      </section>
    </div>
  );
}
