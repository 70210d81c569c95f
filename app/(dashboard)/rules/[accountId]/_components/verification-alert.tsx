import { Shield, ShieldAlert, ShieldCheck } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";

import { Badge } from "@/components/ui/badge";
import { preflightMessage } from "@/lib/verification/preflight-messages";
import {
  type AccountVerificationView,
  type VerificationCheckView,
  problemsToShow,
  recheckAdvice,
  verificationNotice,
} from "@/lib/verification/recheck";
import { getAccountVerificationView } from "@/server/verification/recheck-view";

import { RecheckButton } from "./recheck-button";

/** Rules listed in full; the rest are counted, so the alert stays compact above the table. */
const SHOWN = 5;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The published rules whose verification file or certificate failed the last recheck, or whose certificate
 * ends soon, with what to do and when they were checked; when the last recheck found nothing to act on, or
 * none has run yet, a one-line status instead, so Recheck now is always at hand. Nothing for an account
 * without published rules. Drawn on the server: the page's only script for it is the Recheck now button.
 */
export async function VerificationAlert({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const view = await getAccountVerificationView(accountId);
  const notice = view ? verificationNotice(view) : null;
  if (!view || !notice) return null;
  const { lastCheckedAt } = view;
  return notice === "attention" && lastCheckedAt !== null ? (
    <VerificationWarning view={view} lastCheckedAt={lastCheckedAt} accountId={accountId} canEdit={canEdit} />
  ) : (
    <VerificationStatus
      checked={view.checked}
      lastCheckedAt={notice === "passed" ? lastCheckedAt : null}
      accountId={accountId}
      canEdit={canEdit}
    />
  );
}

/** The muted line of an account whose last recheck found nothing to act on (`lastCheckedAt`), or none ran. */
async function VerificationStatus({
  checked,
  lastCheckedAt,
  accountId,
  canEdit,
}: {
  checked: number;
  lastCheckedAt: string | null;
  accountId: string;
  canEdit: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("verification.recheck.status"), getFormatter()]);
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 rounded-md border bg-muted/40 px-3 py-1.5 text-sm text-muted-foreground"
      data-testid="verification-status"
    >
      <p className="flex min-w-0 items-center gap-2">
        {lastCheckedAt !== null ? (
          <ShieldCheck aria-hidden className="size-4 shrink-0" />
        ) : (
          <Shield aria-hidden className="size-4 shrink-0" />
        )}
        <span>
          {lastCheckedAt !== null
            ? t.rich("passed", {
                count: checked,
                time: format.dateTime(new Date(lastCheckedAt), { dateStyle: "medium", timeStyle: "short" }),
                when: (chunks) => <time dateTime={lastCheckedAt}>{chunks}</time>,
              })
            : t("unchecked")}
        </span>
      </p>
      {canEdit ? <RecheckButton accountId={accountId} /> : null}
    </div>
  );
}

/** The warning: each rule to act on (the first few), its problems, what to do, and when it was checked. */
async function VerificationWarning({
  view,
  lastCheckedAt,
  accountId,
  canEdit,
}: {
  view: AccountVerificationView;
  lastCheckedAt: string;
  accountId: string;
  canEdit: boolean;
}) {
  const [t, tProblems, format] = await Promise.all([
    getTranslations("verification.recheck"),
    getTranslations("verification.problems"),
    getFormatter(),
  ]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const shown = view.attention.slice(0, SHOWN);
  const hidden = view.attention.length - shown.length;

  const advice = (check: VerificationCheckView) => {
    const host = hostOf(check.fileUrl);
    switch (recheckAdvice(check.problems)) {
      case "reachServer":
        return t("advice.reachServer", { host });
      case "fixCertificate":
        return t("advice.fixCertificate", { host });
      case "restoreFile":
        return t("advice.restoreFile", { url: check.fileUrl });
      case "renewCertificate":
        return t("advice.renewCertificate", { host, date: date(check.certNotAfter ?? check.checkedAt) });
      case null:
        return null;
    }
  };

  return (
    <section
      role="status"
      aria-labelledby="verification-alert-title"
      className="space-y-3 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
      data-testid="verification-alert"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 gap-2">
          <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <div className="min-w-0 space-y-1">
            <h2 id="verification-alert-title" className="font-medium">
              {t("title", { count: view.attention.length })}
            </h2>
            <p className="text-muted-foreground">
              {t("description")}{" "}
              <time dateTime={lastCheckedAt}>
                {t("lastChecked", {
                  time: format.dateTime(new Date(lastCheckedAt), {
                    dateStyle: "medium",
                    timeStyle: "short",
                  }),
                })}
              </time>
            </p>
          </div>
        </div>
        {canEdit ? <RecheckButton accountId={accountId} /> : null}
      </div>
      <ul className="space-y-2">
        {shown.map((check) => (
          <li key={check.prefix} className="space-y-1 rounded-md border bg-background px-3 py-2">
            <p className="flex flex-wrap items-center gap-2">
              <Badge variant={check.outcome === "failed" ? "destructive" : "warning"}>
                {t(check.outcome === "failed" ? "failed" : "warning")}
              </Badge>
              <code className="break-all font-mono text-xs">{check.prefix}</code>
            </p>
            <ul className="list-disc space-y-0.5 pl-5 text-muted-foreground">
              {problemsToShow(check.problems).map((problem, index) => {
                const message = preflightMessage(problem, date);
                return <li key={`${problem.code}-${index}`}>{tProblems(message.key, message.values)}</li>;
              })}
            </ul>
            <p>{advice(check)}</p>
            {check.fileKnown ? null : <p className="text-xs text-muted-foreground">{t("fileUnknown")}</p>}
            <p className="break-all text-xs text-muted-foreground">
              {t("checkedAt", { url: check.fileUrl })}
            </p>
          </li>
        ))}
      </ul>
      {hidden > 0 ? <p className="text-muted-foreground">{t("more", { count: hidden })}</p> : null}
    </section>
  );
}
