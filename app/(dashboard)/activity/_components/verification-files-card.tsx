"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { use } from "react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  type VerificationAccountState,
  type VerificationOverview,
  verificationOverviewScope,
} from "@/lib/verification/recheck";

/**
 * The overview's "Verification files" card: the operator's Mini Programs with published rules whose
 * verification file or certificate failed the last recheck or expires soon, each linking to its rules page,
 * where the warning says what to do. It follows the overview's account filter but not its time range: the
 * last recheck is the rules' state now, not events in a window. `overview` is read on the server and
 * streamed in with the page; the card waits for it alone.
 */
export function VerificationFilesCard({
  overview,
  account,
}: {
  overview: Promise<VerificationOverview | null>;
  account: string | undefined;
}) {
  const t = useTranslations("verification.recheck.overview");
  const format = useFormatter();
  const loaded = use(overview);
  const scope = loaded ? verificationOverviewScope(loaded, account) : null;
  if (!scope) return null;
  const lastChecked = scope.lastCheckedAt
    ? t("lastChecked", {
        time: format.dateTime(new Date(scope.lastCheckedAt), { dateStyle: "medium", timeStyle: "short" }),
      })
    : null;
  const one = scope.account;

  return (
    <Card data-testid="overview-verification">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>
          {one ? t("descriptionAccount", { name: one.name }) : t("description")}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {!lastChecked ? (
          <p className="text-muted-foreground">{one ? t("accountNever", { name: one.name }) : t("never")}</p>
        ) : scope.attention.length === 0 ? (
          <p className="text-muted-foreground">
            {one
              ? t("accountPass", { name: one.name, count: one.checked })
              : t("allPass", { accounts: scope.checkedAccounts })}{" "}
            {lastChecked}
          </p>
        ) : (
          <>
            <p role="status">
              <span className="font-medium">{t("count", { accounts: scope.attention.length })}</span>{" "}
              <span className="text-muted-foreground">{lastChecked}</span>
            </p>
            <ul aria-label={t("listLabel")} className="divide-y rounded-md border">
              {scope.attention.map((state) => (
                <AccountLine key={state.id} state={state} />
              ))}
            </ul>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function AccountLine({ state }: { state: VerificationAccountState }) {
  const t = useTranslations("verification.recheck.overview");
  return (
    <li>
      <Link
        href={`/rules/${state.id}`}
        aria-label={t("open", { name: state.name })}
        className="flex flex-wrap items-center gap-2 px-3 py-2 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
      >
        <span className="font-medium">{state.name}</span>
        <code className="font-mono text-xs text-muted-foreground">{state.appid}</code>
        <span className="ml-auto flex flex-wrap items-center gap-2">
          {state.failed > 0 ? (
            <Badge variant="destructive">{t("failed", { count: state.failed })}</Badge>
          ) : null}
          {state.warning > 0 ? (
            <Badge variant="warning">{t("warning", { count: state.warning })}</Badge>
          ) : null}
          <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
        </span>
      </Link>
    </li>
  );
}
