"use client";

import { Check, CircleDot, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { QRCodeSVG } from "qrcode.react";
import type { ReactNode } from "react";

import { CheckCapabilityButton, useCapabilityText } from "@/components/accounts/capability";
import { Button } from "@/components/ui/button";
import type { AccountView, RuleSummary } from "@/lib/rules/contract";
import { ROLES_FOR_BUILD } from "@/lib/scan/roles";
import { FIXER_OF, type SetupStepId, currentStep, setupSteps } from "@/lib/setup/checklist";
import { markSetup, useSetupMarks } from "@/lib/setup/marks";
import { cn } from "@/lib/utils";

const BUILD_OF = { 1: "develop", 2: "trial", 3: "release" } as const;

/**
 * The guided set-up at the top of a new account's rules page, in the operator's language: each step says
 * what to do and where, and ticks itself when the product sees it done (a scan with a phone is marked by
 * the operator, the one step the product cannot see). Gone once the first rule is published, or closed.
 */
export function SetupChecklist({
  account,
  summary,
  canEdit,
  onAdd,
  onChecked,
}: {
  account: AccountView;
  summary: RuleSummary;
  canEdit: boolean;
  onAdd: () => void;
  onChecked: () => void;
}) {
  const t = useTranslations("setup");
  const tScan = useTranslations("scan");
  const capabilityText = useCapabilityText();
  const marks = useSetupMarks(account.id);
  const steps = setupSteps(account.kind, summary, marks);
  const now = currentStep(steps);
  const done = steps.filter((step) => step.done).length;
  const typeA = account.kind === "miniprogram";

  function body(id: SetupStepId): ReactNode {
    switch (id) {
      case "capability": {
        const capability = summary.capability;
        if (capability?.status === "ready") return <p>{t("capability.ready")}</p>;
        return (
          <>
            {capability ? (
              <>
                <p className="font-medium">{capabilityText(capability).label}</p>
                <p>{capabilityText(capability).fix}</p>
                <p className="text-muted-foreground">{t(`who.${FIXER_OF[capability.status]}`)}</p>
              </>
            ) : (
              <p>{t("capability.unchecked")}</p>
            )}
            <CheckCapabilityButton accountId={account.id} accountName={account.name} onChecked={onChecked} />
          </>
        );
      }
      case "verification":
        return (
          <>
            <p>{t("verification.what")}</p>
            {canEdit ? (
              <Button size="sm" variant="outline" onClick={onAdd}>
                {t("verification.open")}
              </Button>
            ) : null}
          </>
        );
      case "firstRule":
        return (
          <>
            <p>{t(typeA ? "firstRule.whatA" : "firstRule.whatB")}</p>
            {canEdit ? (
              <Button size="sm" onClick={onAdd}>
                {t("firstRule.add")}
              </Button>
            ) : null}
          </>
        );
      case "tested": {
        const link = summary.firstTestLink;
        const build = link?.openVersion ? BUILD_OF[link.openVersion] : null;
        return (
          <>
            {typeA && link && build ? (
              <div className="flex flex-wrap items-start gap-4">
                <QRCodeSVG
                  value={link.url}
                  size={128}
                  marginSize={4}
                  aria-hidden
                  className="rounded bg-white"
                />
                <div className="min-w-0 space-y-1">
                  <p>
                    {t("tested.scan", {
                      build: tScan(`build.${build}`),
                      roles: ROLES_FOR_BUILD[build].map((role) => tScan(`role.${role}`)).join(", "),
                    })}
                  </p>
                  <code className="block break-all font-mono text-xs" data-testid="setup-test-link">
                    {link.url}
                  </code>
                </div>
              </div>
            ) : (
              <p>{t(typeA ? "tested.noLink" : "tested.typeB")}</p>
            )}
            <Button size="sm" variant="outline" onClick={() => markSetup(account.id, "tested")}>
              {t("tested.mark")}
            </Button>
          </>
        );
      }
      case "published":
        return (
          <p>
            {t("published.what", {
              quota: summary.publishQuota === null ? "?" : String(summary.publishQuota),
            })}
          </p>
        );
    }
  }

  return (
    <section
      aria-labelledby="setup-title"
      data-testid="setup-checklist"
      className="space-y-3 rounded-lg border border-primary/30 bg-primary/5 p-4"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="space-y-1">
          <h2 id="setup-title" className="font-semibold">
            {t("title", { name: account.name })}
          </h2>
          <p className="text-sm text-muted-foreground" data-testid="setup-progress">
            {t("progress", { done, total: steps.length })}
          </p>
        </div>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={t("dismiss")}
          title={t("dismiss")}
          onClick={() => markSetup(account.id, "dismissed")}
        >
          <X aria-hidden />
        </Button>
      </div>
      <ol className="space-y-2">
        {steps.map((step, index) => {
          const current = step.id === now;
          return (
            <li
              key={step.id}
              data-testid={`setup-step-${step.id}`}
              data-done={step.done || undefined}
              aria-current={current ? "step" : undefined}
              className={cn("rounded-md px-3 py-2 text-sm", current && "border bg-background")}
            >
              <div className="flex items-center gap-2">
                {step.done ? (
                  <Check aria-hidden className="size-4 text-success" />
                ) : current ? (
                  <CircleDot aria-hidden className="size-4 text-primary" />
                ) : (
                  <span
                    aria-hidden
                    className="inline-flex size-4 items-center justify-center text-xs text-muted-foreground"
                  >
                    {index + 1}
                  </span>
                )}
                <span className={cn("font-medium", step.done && "text-muted-foreground")}>
                  {t(`${step.id}.title`)}
                </span>
                <span className="sr-only">{t(step.done ? "stepDone" : "stepToDo")}</span>
              </div>
              {current ? <div className="mt-2 space-y-2 pl-6">{body(step.id)}</div> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
