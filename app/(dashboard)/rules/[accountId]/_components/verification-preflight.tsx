"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, SearchCheck, TriangleAlert } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { FailureAlert, formFailure } from "@/components/forms/failure-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  type PreflightVerdict,
  preflightMessage,
  preflightVerdict,
} from "@/lib/verification/preflight-messages";
import {
  type PreflightProblem,
  type PreflightReport,
  isPreflightWarning,
} from "@/lib/verification/preflight-report";
import { markSetup } from "@/lib/setup/marks";
import { preflightVerification } from "@/server/actions/verification";

const VERDICT_BADGE = { ok: "success", warnings: "warning", problems: "destructive" } as const;
const VERDICT_ICON = { ok: CircleCheck, warnings: TriangleAlert, problems: CircleAlert };

/**
 * "Check now": the server fetches the verification file from where WeChat will look for it under
 * the prefix, and the report says, problem by problem, what would make WeChat refuse the rule.
 */
export function VerificationPreflight({ accountId, prefix }: { accountId: string; prefix: string | null }) {
  const t = useTranslations("verification.check");
  const check = useMutation({
    mutationFn: (input: { accountId: string; prefix: string }) => preflightVerification(input),
    // A passing check ticks the set-up checklist's verification step (in this browser).
    onSuccess: (result) => {
      if (result.ok && result.data.ok) markSetup(accountId, "verified");
    },
  });
  // A report about another prefix than the one in the field now would mislead: it is set aside.
  const answer = check.variables?.prefix === prefix ? check.data : undefined;

  return (
    <div className="space-y-2" data-testid="verification-preflight">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={prefix === null}
          pending={check.isPending}
          onClick={() => prefix !== null && check.mutate({ accountId, prefix })}
        >
          {check.isPending ? null : <SearchCheck aria-hidden />}
          {t("button")}
        </Button>
        <p className="min-w-0 flex-1 text-xs text-muted-foreground">
          {prefix === null ? t("needPrefix") : t("help")}
        </p>
      </div>
      <div role="status" aria-live="polite" aria-label={t("reportLabel")}>
        {!check.isPending && answer?.ok ? <PreflightReportView report={answer.data} /> : null}
      </div>
      {!check.isPending && answer && !answer.ok ? (
        <FailureAlert failure={formFailure(answer.error)} accountId={accountId} />
      ) : null}
      {!check.isPending && check.isError && check.variables?.prefix === prefix ? (
        <FailureAlert failure={{ message: t("failed"), formErrors: [] }} />
      ) : null}
    </div>
  );
}

/** The verdict, what was fetched, and each problem as a sentence with its facts. */
export function PreflightReportView({ report }: { report: PreflightReport }) {
  const t = useTranslations("verification.check");
  const verdict: PreflightVerdict = preflightVerdict(report);
  const Icon = VERDICT_ICON[verdict];
  const counted =
    verdict === "problems"
      ? report.problems.filter((problem) => !isPreflightWarning(problem))
      : report.problems;

  return (
    <section
      aria-label={t("reportLabel")}
      data-testid="preflight-report"
      data-verdict={verdict}
      className="space-y-2 rounded-md border bg-background px-3 py-2 text-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={VERDICT_BADGE[verdict]}>
          <Icon aria-hidden />
          {t(`badge.${verdict}`)}
        </Badge>
        <p className="min-w-0 flex-1">{t(`verdict.${verdict}`, { count: counted.length })}</p>
      </div>
      <p className="break-all text-xs text-muted-foreground">
        {t("address", { url: report.finalUrl ?? report.url })}
        {" · "}
        {report.status === undefined
          ? t("noAnswer", { elapsedMs: report.elapsedMs })
          : t("answered", { status: report.status, elapsedMs: report.elapsedMs })}
      </p>
      {report.problems.length > 0 ? (
        <ul className="space-y-1.5">
          {report.problems.map((problem, index) => (
            <ProblemItem key={`${problem.code}-${index}`} problem={problem} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ProblemItem({ problem }: { problem: PreflightProblem }) {
  const t = useTranslations("verification");
  const format = useFormatter();
  const warning = isPreflightWarning(problem);
  const message = preflightMessage(problem, (iso) => format.dateTime(new Date(iso), { dateStyle: "medium" }));
  return (
    <li className="flex items-start gap-2" data-problem={problem.code}>
      <Badge variant={warning ? "warning" : "destructive"} className="mt-0.5">
        {t(warning ? "check.severity.warning" : "check.severity.problem")}
      </Badge>
      <span className="min-w-0 flex-1 break-words">{t(`problems.${message.key}`, message.values)}</span>
    </li>
  );
}
