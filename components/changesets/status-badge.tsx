"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { ChangeSetStatus } from "@/lib/changesets/contract";

const VARIANT: Record<
  ChangeSetStatus,
  "default" | "secondary" | "destructive" | "outline" | "success" | "warning"
> = {
  planned: "outline",
  awaiting_approval: "warning",
  rejected: "destructive",
  discarded: "secondary",
  queued: "secondary",
  running: "default",
  paused: "warning",
  cancelling: "warning",
  cancelled: "secondary",
  done: "success",
  failed: "destructive",
};

/** A change set's status in words. */
export function ChangeSetStatusBadge({ status }: { status: ChangeSetStatus }) {
  const t = useTranslations("changeSets.status");
  return (
    <Badge variant={VARIANT[status]} data-testid="change-set-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}
