"use client";

import { Ban, Check, Download, Pause, Play, RotateCcw, Send, Trash2, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

import { useCommand } from "@/components/changesets/use-command";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ChangeSetView } from "@/lib/changesets/contract";
import { changeSetHref, changeSetKeys } from "@/lib/changesets/queries";
import {
  applyChangeSet,
  controlChangeSet,
  decideChangeSet,
  discardChangeSet,
  requestChangeSetApproval,
  retryChangeSet,
} from "@/server/actions/change-sets";

/** What the viewer may do with the change set now: apply, ask or decide, pause, resume, cancel, retry. */
export function ChangeSetActions({ changeSet }: { changeSet: ChangeSetView }) {
  const t = useTranslations("changeSets.commands");
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const invalidate = [changeSetKeys.one(changeSet.id), changeSetKeys.account(changeSet.accountId)];
  const input = { accountId: changeSet.accountId, changeSetId: changeSet.id };
  const apply = useCommand(applyChangeSet, { invalidate, success: t("applied") });
  const ask = useCommand(requestChangeSetApproval, { invalidate, success: t("asked") });
  const decide = useCommand(decideChangeSet, { invalidate });
  const control = useCommand(controlChangeSet, { invalidate });
  const discard = useCommand(discardChangeSet, { invalidate, success: t("discarded") });
  const retry = useCommand(retryChangeSet, {
    invalidate,
    onSuccess: (data) => router.push(changeSetHref(data.changeSetId)),
  });
  const busy = [apply, ask, decide, control, discard, retry].some((command) => command.isPending);
  const { can, status } = changeSet;
  const finished = ["done", "cancelled", "failed"].includes(status);

  return (
    <div className="space-y-3" data-testid="change-set-actions">
      {can.decide ? (
        <div className="space-y-2 rounded-md border p-3">
          <Label htmlFor={`${id}-note`}>{t("note")}</Label>
          <Textarea
            id={`${id}-note`}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {can.apply ? (
          <Button disabled={busy} onClick={() => apply.mutate(input)} data-testid="change-set-apply">
            <Send aria-hidden />
            {t("apply", { calls: changeSet.summary.cost.calls })}
          </Button>
        ) : null}
        {can.requestApproval ? (
          <Button disabled={busy} onClick={() => ask.mutate(input)} data-testid="change-set-ask">
            <Send aria-hidden />
            {t("requestApproval")}
          </Button>
        ) : null}
        {can.decide ? (
          <>
            <Button
              disabled={busy}
              onClick={() => decide.mutate({ ...input, approve: true, note })}
              data-testid="change-set-approve"
            >
              <Check aria-hidden />
              {t("approve")}
            </Button>
            <Button
              variant="outline"
              disabled={busy}
              onClick={() => decide.mutate({ ...input, approve: false, note })}
              data-testid="change-set-reject"
            >
              <X aria-hidden />
              {t("reject")}
            </Button>
          </>
        ) : null}
        {can.control && status !== "paused" ? (
          <Button
            variant="outline"
            disabled={busy || changeSet.stopRequest !== null}
            onClick={() => control.mutate({ ...input, command: "pause" })}
            data-testid="change-set-pause"
          >
            <Pause aria-hidden />
            {t("pause")}
          </Button>
        ) : null}
        {can.control && status === "paused" ? (
          <Button
            variant="outline"
            disabled={busy}
            onClick={() => control.mutate({ ...input, command: "resume" })}
            data-testid="change-set-resume"
          >
            <Play aria-hidden />
            {t("resume")}
          </Button>
        ) : null}
        {can.control ? (
          <Button
            variant="destructive"
            disabled={busy || changeSet.stopRequest === "cancel"}
            onClick={() => control.mutate({ ...input, command: "cancel" })}
            data-testid="change-set-cancel"
          >
            <Ban aria-hidden />
            {t("cancel")}
          </Button>
        ) : null}
        {can.retry ? (
          <Button
            variant="outline"
            disabled={busy}
            onClick={() => retry.mutate(input)}
            data-testid="change-set-retry"
          >
            <RotateCcw aria-hidden />
            {t("retry")}
          </Button>
        ) : null}
        {can.discard ? (
          <Button
            variant="ghost"
            disabled={busy}
            onClick={() => discard.mutate(input)}
            data-testid="change-set-discard"
          >
            <Trash2 aria-hidden />
            {t("discard")}
          </Button>
        ) : null}
        {finished || changeSet.startedAt ? (
          <Button asChild variant="ghost">
            <a
              href={`/api/change-sets/${encodeURIComponent(changeSet.id)}/results`}
              download
              data-testid="change-set-results"
            >
              <Download aria-hidden />
              {t("results")}
            </a>
          </Button>
        ) : null}
      </div>
      {status === "planned" &&
      !can.apply &&
      !can.requestApproval &&
      changeSet.summary.refusals.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("viewOnly")}</p>
      ) : null}
    </div>
  );
}
