"use client";

import { ArrowRight, CircleCheck, CircleSlash } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import type { SimulatedScan } from "@/lib/scan/contract";
import { ROLES_FOR_BUILD, type ScanRole } from "@/lib/scan/roles";
import type { ScanRule } from "@/lib/wechat/scan";

export interface SimulatorAnswer {
  results: SimulatedScan[];
  rulesConsidered: number;
  role: ScanRole;
}

/** The simulator's answer: per URL, what opens and why, or why the scan falls back to the web page. */
export function ScanResults({ answer }: { answer: SimulatorAnswer }) {
  const t = useTranslations("scan");
  const opening = answer.results.filter((result) => result.outcome.opens).length;
  return (
    <section aria-labelledby="scan-results-title" className="space-y-4">
      <div className="space-y-1">
        <h2 id="scan-results-title" className="text-lg font-semibold">
          {t("results.title")}
        </h2>
        <p className="text-sm text-muted-foreground" role="status">
          {t("results.summary", {
            count: answer.results.length,
            opening,
            rules: answer.rulesConsidered,
            role: t(`role.${answer.role}`),
          })}
        </p>
      </div>
      <ol className="space-y-3">
        {answer.results.map((result, index) => (
          <ScanResultItem key={`${index}:${result.url}`} result={result} role={answer.role} />
        ))}
      </ol>
    </section>
  );
}

function RuleLine({ rule }: { rule: ScanRule }) {
  const t = useTranslations("scan");
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      <Link
        href={`/rules/${rule.accountId}?q=${encodeURIComponent(rule.prefix)}`}
        className="break-all font-mono text-sm underline-offset-4 hover:underline"
      >
        {rule.prefix}
      </Link>
      <span className="text-sm text-muted-foreground">{rule.accountName}</span>
      <Badge variant={rule.state === 2 ? "success" : "warning"}>
        {t(rule.state === 2 ? "state.published" : "state.unpublished")}
      </Badge>
    </span>
  );
}

function ScanResultItem({ result, role }: { result: SimulatedScan; role: ScanRole }) {
  const t = useTranslations("scan");
  const { outcome, rule } = result;
  return (
    <li className="space-y-3 rounded-lg border p-4" data-testid="scan-result">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <code className="min-w-0 break-all font-mono text-sm">{result.url}</code>
        {outcome.opens ? (
          <Badge variant="success">
            <CircleCheck aria-hidden />
            {t("verdict.opens")}
          </Badge>
        ) : (
          <Badge variant="warning">
            <CircleSlash aria-hidden />
            {t("verdict.fallsBack")}
          </Badge>
        )}
      </div>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        {rule ? (
          <>
            <dt className="text-muted-foreground">{t("decidedBy")}</dt>
            <dd className="space-y-1">
              <RuleLine rule={rule} />
              <p className="text-xs text-muted-foreground">
                {t("why", { count: result.othersCount })}
                {result.testLink ? ` ${t("whyTestLink")}` : ""}
              </p>
            </dd>
          </>
        ) : null}
        {outcome.opens ? (
          <>
            <dt className="text-muted-foreground">{t("build.label")}</dt>
            <dd>
              {t(`build.${outcome.build}`)}
              {outcome.viaTestLink ? (
                <span className="text-muted-foreground">
                  {" "}
                  — {t("build.viaTestLink", { role: t(`role.${role}`) })}
                </span>
              ) : null}
            </dd>
            <dt className="text-muted-foreground">{t("opens")}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code className="font-mono">{outcome.appid}</code>
              <ArrowRight aria-hidden className="size-3.5 text-muted-foreground" />
              <code className="break-all font-mono">{outcome.path}</code>
            </dd>
            <dt className="text-muted-foreground">{t("receives")}</dt>
            <dd className="space-y-1">
              <QueryValue name="q" value={outcome.query.q} />
              <QueryValue name="scancode_time" value={String(outcome.query.scancode_time)} />
            </dd>
          </>
        ) : (
          <>
            <dt className="text-muted-foreground">{t("reason.label")}</dt>
            <dd className="space-y-1" data-testid="scan-fallback-reason">
              <p>
                {outcome.reason === "roleNotPermitted" && outcome.testBuild
                  ? t("reason.roleNotPermitted", {
                      build: t(`build.${outcome.testBuild}`),
                      roles: ROLES_FOR_BUILD[outcome.testBuild].map((who) => t(`role.${who}`)).join(", "),
                    })
                  : t(`reason.${outcome.reason}`)}
              </p>
              {outcome.broaderPublished ? (
                <p className="text-muted-foreground">
                  {t("reason.broaderPublished", { prefix: outcome.broaderPublished.prefix })}
                </p>
              ) : null}
            </dd>
          </>
        )}
        {result.others.length > 0 ? (
          <>
            <dt className="text-muted-foreground">{t("others", { count: result.othersCount })}</dt>
            <dd>
              <ul className="space-y-1">
                {result.others.map((other) => (
                  <li key={`${other.accountId}:${other.openAppid}:${other.prefix}`}>
                    <RuleLine rule={other} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function QueryValue({ name, value }: { name: string; value: string }) {
  const t = useTranslations("scan");
  return (
    <span className="flex min-w-0 items-center gap-1">
      <code className="min-w-0 break-all font-mono text-xs">
        {name}={value}
      </code>
      <CopyButton value={value} label={t("copyQuery", { name })} />
    </span>
  );
}
