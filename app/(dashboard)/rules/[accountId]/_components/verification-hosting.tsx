"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Server } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";

import { FailureAlert, formFailure } from "@/components/forms/failure-alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { toast, toastWarning } from "@/components/ui/toaster";
import { ruleKeys } from "@/lib/rules/queries";
import { getVerificationHosting, hostVerificationFile } from "@/server/actions/verification";

/**
 * The console's own hosting of the verification file (REFERENCE §4, as service providers do it):
 * the directory to use as the rule prefix, where the file is served, and "Host it here" for those
 * who may edit. Shown only where `PUBLIC_URL` is set; otherwise one line says it could be.
 */
export function VerificationHosting({
  accountId,
  canEdit,
  onUsePrefix,
}: {
  accountId: string;
  canEdit: boolean;
  /** Puts the directory in the form's prefix field (offered while adding a rule). */
  onUsePrefix?: (prefix: string) => void;
}) {
  const t = useTranslations("verification.hosting");
  const headingId = useId();
  const queryClient = useQueryClient();
  const hosting = useQuery({
    queryKey: ruleKeys.verificationHosting(accountId),
    queryFn: async () => {
      const result = await getVerificationHosting({ accountId });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    retry: false,
  });
  const host = useMutation({
    mutationFn: () => hostVerificationFile({ accountId }),
    onSuccess: async (result) => {
      if (!result.ok) return;
      toast.success(t("hosted", { url: result.data.url }));
      toastWarning(result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ruleKeys.verificationHosting(accountId) }),
        queryClient.invalidateQueries({ queryKey: ruleKeys.verificationFile(accountId) }),
      ]);
    },
  });

  if (hosting.isPending) {
    return (
      <div role="status" className="space-y-2">
        <span className="sr-only">{t("loading")}</span>
        <Skeleton className="h-4 w-40" />
      </div>
    );
  }
  if (hosting.isError) {
    return (
      <p role="alert" className="text-xs text-destructive">
        {t("loadFailed")}
      </p>
    );
  }
  const view = hosting.data;
  if (!view.configured || !view.directoryPrefix) {
    return <p className="text-xs text-muted-foreground">{t("notConfigured")}</p>;
  }

  return (
    <section
      aria-labelledby={headingId}
      data-testid="verification-hosting"
      className="space-y-2 border-t pt-3"
    >
      <div className="space-y-1">
        <h4 id={headingId} className="flex items-center gap-2 text-sm font-medium leading-none">
          <Server aria-hidden className="size-4" />
          {t("title")}
        </h4>
        <p className="text-xs text-muted-foreground">{t("help")}</p>
      </div>
      <dl className="grid gap-3 text-sm">
        <div className="space-y-1">
          <dt className="text-xs font-medium text-muted-foreground">{t("directory")}</dt>
          <dd className="space-y-1">
            <span className="flex flex-wrap items-center gap-1">
              <code data-testid="verification-hosting-directory" className="break-all font-mono">
                {view.directoryPrefix}
              </code>
              <CopyButton value={view.directoryPrefix} label={t("copyDirectory")} />
              {onUsePrefix ? (
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  className="h-7"
                  onClick={() => onUsePrefix(view.directoryPrefix ?? "")}
                >
                  {t("usePrefix")}
                </Button>
              ) : null}
            </span>
            <p className="text-xs text-muted-foreground">{t("useAsPrefix")}</p>
          </dd>
        </div>
        <div className="space-y-1">
          <dt className="text-xs font-medium text-muted-foreground">{t("url")}</dt>
          <dd>
            {view.url ? (
              <span className="flex flex-wrap items-center gap-1">
                <code data-testid="verification-hosting-url" className="break-all font-mono">
                  {view.url}
                </code>
                <CopyButton value={view.url} label={t("copyUrl")} />
              </span>
            ) : (
              <span className="text-muted-foreground">{t("notHosted")}</span>
            )}
          </dd>
        </div>
      </dl>
      {canEdit ? (
        <Button
          type="button"
          variant="outline"
          size="sm"
          pending={host.isPending}
          onClick={() => host.mutate()}
        >
          {view.url ? t("hostAgain") : t("host")}
        </Button>
      ) : null}
      {host.data && !host.data.ok ? (
        <FailureAlert failure={formFailure(host.data.error)} accountId={accountId} />
      ) : null}
      {host.isError ? <FailureAlert failure={{ message: t("hostFailed"), formErrors: [] }} /> : null}
    </section>
  );
}
