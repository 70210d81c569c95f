import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { hasRole } from "@/lib/roles";
import { listAccountsForAdmin } from "@/server/admin/accounts";
import { listOperatorsForAdmin } from "@/server/admin/operators";
import { requireOperator } from "@/server/auth/session";

import { OperatorsView } from "./_components/operators-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.operators");
  return { title: t("title") };
}

export default async function OperatorsPage() {
  const operator = await requireOperator();
  const t = await getTranslations();

  if (!hasRole(operator.role, "admin")) {
    return (
      <div className="space-y-6">
        <PageHeader title={t("pages.operators.title")} description={t("pages.operators.description")} />
        <div
          role="note"
          data-testid="operators-admins-only"
          className="max-w-2xl space-y-1 rounded-md border bg-muted px-4 py-3 text-sm"
        >
          <p className="font-medium">{t("operatorsAdmin.adminsOnly")}</p>
          <p className="text-muted-foreground">{t("operatorsAdmin.adminsOnlyHelp")}</p>
        </div>
      </div>
    );
  }

  const [operators, accounts] = await Promise.all([listOperatorsForAdmin(), listAccountsForAdmin()]);
  return <OperatorsView operators={operators} accounts={accounts} currentOperatorId={operator.id} />;
}
