"use client";

import { useMutation } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toastWarning } from "@/components/ui/toaster";
import type { Capability, CapabilityStatus } from "@/lib/accounts/capability";
import { checkAccountCapability } from "@/server/actions/rules";

const VARIANT: Record<CapabilityStatus, "success" | "warning" | "outline"> = {
  ready: "success",
  "wrong-token": "warning",
  "missing-permission": "warning",
  personal: "warning",
  "feature-off": "warning",
  credentials: "warning",
  "not-whitelisted": "warning",
  "no-linked-mini-program": "warning",
  error: "outline",
};

/** The fix for a verdict, in words: what the operator (or the merchant) has to do. */
export function useCapabilityText() {
  const t = useTranslations("capability");
  return (capability: Capability) => {
    const values = { set: capability.missingSet ?? "", errcode: capability.errcode ?? "—" };
    return { label: t(`status.${capability.status}`, values), fix: t(`fix.${capability.status}`, values) };
  };
}

/** The verdict as a badge, its fix as the badge's description. */
export function CapabilityBadge({ capability }: { capability: Capability | null }) {
  const t = useTranslations("capability");
  const text = useCapabilityText();
  if (!capability)
    return (
      <Badge
        variant="outline"
        className="text-muted-foreground"
        data-testid="capability"
        data-capability="unchecked"
      >
        {t("unchecked")}
      </Badge>
    );
  const { label, fix } = text(capability);
  return (
    <Badge
      variant={VARIANT[capability.status]}
      title={capability.status === "ready" ? undefined : fix}
      data-testid="capability"
      data-capability={capability.status}
    >
      {label}
    </Badge>
  );
}

/** Runs the capability check of an account, then `onChecked` (to refresh what shows the verdict). */
export function useCapabilityCheck(accountId: string, onChecked: () => void) {
  return useMutation({
    mutationFn: () => checkAccountCapability({ accountId }),
    onSuccess: (result) => {
      toastWarning(result);
      onChecked();
    },
  });
}

/** The Check button beside a verdict. */
export function CheckCapabilityButton({
  accountId,
  accountName,
  onChecked,
}: {
  accountId: string;
  accountName: string;
  onChecked: () => void;
}) {
  const t = useTranslations("capability");
  const check = useCapabilityCheck(accountId, onChecked);
  const failed = check.data && !check.data.ok ? check.data.error.message : null;
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        size="sm"
        variant="outline"
        pending={check.isPending}
        onClick={() => check.mutate()}
        aria-label={t("checkOf", { name: accountName })}
      >
        {check.isPending ? null : <RefreshCw aria-hidden />}
        {t("check")}
      </Button>
      {failed ? (
        <span role="alert" className="text-xs text-destructive">
          {failed}
        </span>
      ) : null}
    </span>
  );
}

/** At the top of an account's rules page: what stops it, the fix, and Check again; nothing when it is ready. */
export function CapabilityNotice({
  accountId,
  accountName,
  capability,
  onChecked,
}: {
  accountId: string;
  accountName: string;
  capability: Capability | null;
  onChecked: () => void;
}) {
  const t = useTranslations("capability");
  const text = useCapabilityText();
  if (!capability || capability.status === "ready") return null;
  const { label, fix } = text(capability);
  return (
    <div
      role="status"
      data-testid="capability-notice"
      data-capability={capability.status}
      className="flex flex-wrap items-start gap-3 rounded-md border border-amber-500/50 bg-amber-500/10 p-3 text-sm"
    >
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">{t("noticeTitle", { status: label })}</p>
        <p>{fix}</p>
        {capability.errcode !== null ? (
          <p className="text-xs text-muted-foreground">{t("errcode", { errcode: capability.errcode })}</p>
        ) : null}
      </div>
      <CheckCapabilityButton accountId={accountId} accountName={accountName} onChecked={onChecked} />
    </div>
  );
}
