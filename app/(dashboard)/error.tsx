"use client";

import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** A page that failed to render: a plain explanation and a retry, never a stack trace. */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <div
      role="alert"
      className="mx-auto max-w-lg space-y-4 rounded-lg border border-destructive/40 p-6 text-center"
    >
      <p className="text-sm">{t("actionErrors.internal")}</p>
      <Button variant="outline" onClick={reset}>
        {t("common.retry")}
      </Button>
    </div>
  );
}
