"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

import { useCommand } from "@/components/changesets/use-command";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { recheckVerification } from "@/server/actions/verification";

/** "Recheck now": the account's published rules fetched again, then the warning or status line redrawn by the server. */
export function RecheckButton({ accountId }: { accountId: string }) {
  const t = useTranslations("verification.recheck");
  const router = useRouter();
  const recheck = useCommand(recheckVerification, {
    invalidate: [],
    onSuccess: (view) => {
      toast.success(t("done", { count: view.checked }));
      router.refresh();
    },
  });
  return (
    <Button
      variant="outline"
      size="sm"
      pending={recheck.isPending}
      onClick={() => recheck.mutate({ accountId })}
      data-testid="verification-recheck"
    >
      {recheck.isPending ? null : <RefreshCw aria-hidden />}
      {t("button")}
    </Button>
  );
}
