import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getVerificationOverview } from "@/server/verification/recheck-view";

/**
 * The overview's "Verification files" card: how many of the operator's Mini Programs have published rules
 * whose verification file or certificate failed the last recheck or expires soon, each linking to its rules
 * page, where the warning says what to do. Drawn on the server, beside the client-drawn error figures.
 */
export async function VerificationFilesCard() {
  const overview = await getVerificationOverview();
  if (!overview) return null;
  const [t, format] = await Promise.all([getTranslations("verification.recheck.overview"), getFormatter()]);
  const lastChecked = overview.lastCheckedAt
    ? t("lastChecked", {
        time: format.dateTime(new Date(overview.lastCheckedAt), { dateStyle: "medium", timeStyle: "short" }),
      })
    : null;

  return (
    <Card data-testid="overview-verification">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {!lastChecked ? (
          <p className="text-muted-foreground">{t("never")}</p>
        ) : overview.accounts.length === 0 ? (
          <p className="text-muted-foreground">
            {t("allPass", { accounts: overview.checkedAccounts })} {lastChecked}
          </p>
        ) : (
          <>
            <p role="status">
              <span className="font-medium">{t("count", { accounts: overview.accounts.length })}</span>{" "}
              <span className="text-muted-foreground">{lastChecked}</span>
            </p>
            <ul aria-label={t("listLabel")} className="divide-y rounded-md border">
              {overview.accounts.map((account) => (
                <li key={account.id}>
                  <Link
                    href={`/rules/${account.id}`}
                    aria-label={t("open", { name: account.name })}
                    className="flex flex-wrap items-center gap-2 px-3 py-2 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    <span className="font-medium">{account.name}</span>
                    <code className="font-mono text-xs text-muted-foreground">{account.appid}</code>
                    <span className="ml-auto flex flex-wrap items-center gap-2">
                      {account.failed > 0 ? (
                        <Badge variant="destructive">{t("failed", { count: account.failed })}</Badge>
                      ) : null}
                      {account.warning > 0 ? (
                        <Badge variant="warning">{t("warning", { count: account.warning })}</Badge>
                      ) : null}
                      <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </CardContent>
    </Card>
  );
}
