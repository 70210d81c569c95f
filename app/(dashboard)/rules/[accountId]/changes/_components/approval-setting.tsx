"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { useCommand } from "@/components/changesets/use-command";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { changeSetKeys } from "@/lib/changesets/queries";
import type { AccountView } from "@/lib/rules/contract";
import { setChangeApproval } from "@/server/actions/change-sets";

/** Admins: whether operators' change sets of this account wait for an admin's approval. */
export function ApprovalSetting({ account, required }: { account: AccountView; required: boolean | null }) {
  const t = useTranslations("changeSets.approval");
  const id = useId();
  const save = useCommand(setChangeApproval, {
    invalidate: [changeSetKeys.account(account.id)],
    success: t("saved"),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <div className="flex items-start gap-3">
          <Checkbox
            id={id}
            checked={required === true}
            disabled={required === null || save.isPending}
            onCheckedChange={(checked) => save.mutate({ accountId: account.id, required: checked === true })}
            aria-describedby={`${id}-help`}
            data-testid="approval-required"
          />
          <div className="space-y-1">
            <Label htmlFor={id}>{t("label")}</Label>
            <p id={`${id}-help`} className="text-sm text-muted-foreground">
              {t("help")}
            </p>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
