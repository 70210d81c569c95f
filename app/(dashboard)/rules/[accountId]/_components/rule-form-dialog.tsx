/**
 * The dialog that adds, edits, or takes down and re-adds a rule.
 *
 * ```tsx
 * <RuleFormDialog account={account} mode="add" open={open} onOpenChange={setOpen} />
 * <RuleFormDialog account={account} mode="edit" rule={row} open={open} onOpenChange={setOpen}
 *   publishQuota={summary.publishQuota} onSaved={(rule) => …} />
 * ```
 *
 * - `mode="add"`: a new rule (`rule` is ignored; "edit" or "retake" without a `rule` also add).
 * - `mode="edit"` with `rule`: an unpublished rule (state 1) opens prefilled, its prefix read-only (WeChat
 *   identifies a rule by its prefix). A published rule (state 2) cannot be edited (WeChat 40097): the dialog
 *   says so and offers "Take down and re-add", which opens the same form in retake mode.
 * - `mode="retake"` with `rule`: straight to the retake form (for a row action of that name). Saving asks the
 *   operator to type the prefix, then calls `retakeTypeARule` / `retakeTypeBRule`: the rule is deleted at
 *   WeChat and added again, unpublished; publishing it again spends one of this month's publishes
 *   (`publishQuota`, when given, is shown in the warning).
 *
 * The form follows `account.kind`: type A (Mini Program) or type B (Service Account). After a successful
 * save the dialog refreshes `ruleKeys.account(account.id)`, shows a toast, calls `onSaved` with the stored
 * rule, and closes itself through `onOpenChange(false)`.
 */
"use client";

import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";

import type { RuleFormMode } from "./rule-form-base";
import { TypeAForm } from "./type-a-form";
import { TypeBForm } from "./type-b-form";

export type { RuleFormMode } from "./rule-form-base";

export interface RuleFormDialogProps {
  account: AccountView;
  /** "edit" and "retake" need `rule`; without one the dialog adds a rule. */
  mode: RuleFormMode;
  rule?: MirroredRule;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: (rule: MirroredRule) => void;
  /** Publishes left this month (`RuleSummary.publishQuota`), shown when a published rule is taken down. */
  publishQuota?: number | null;
}

export function RuleFormDialog({ open, onOpenChange, ...props }: RuleFormDialogProps) {
  const t = useTranslations("ruleForm");
  const content = useRef<HTMLDivElement>(null);

  // Radix focuses the first control and selects its text, which would make typing replace a prefilled
  // prefix (http://weixin.qq.com/q/); put the caret after it instead.
  const focusFirstInput = (event: Event) => {
    const input = content.current?.querySelector<HTMLInputElement>(
      "input:is([type=text], :not([type])):not([readonly]):not([disabled])",
    );
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        ref={content}
        closeLabel={t("close")}
        className="sm:max-w-2xl"
        data-testid="rule-form-dialog"
        onOpenAutoFocus={focusFirstInput}
      >
        {/* Mounted only while open, so every opening starts from the rule's current values. */}
        <RuleFormDialogBody {...props} onClose={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

type BodyProps = Omit<RuleFormDialogProps, "open" | "onOpenChange"> & { onClose: () => void };

function RuleFormDialogBody({ account, mode, rule, onSaved, publishQuota, onClose }: BodyProps) {
  const t = useTranslations("ruleForm");
  const [retakeChosen, setRetakeChosen] = useState(false);
  const published = rule?.state === 2;
  const requested: RuleFormMode = rule ? mode : "add";
  const step: RuleFormMode | "published" =
    requested === "edit" && published ? (retakeChosen ? "retake" : "published") : requested;

  const target = requested === "add" ? undefined : rule;

  const handleSaved = (saved: MirroredRule) => {
    onSaved?.(saved);
    onClose();
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t(`title.${step}`)}</DialogTitle>
        <DialogDescription>{t(`description.${account.kind}`, { name: account.name })}</DialogDescription>
      </DialogHeader>

      {step === "published" || step === "retake" ? (
        <RetakeWarning notice={step === "published"} publishQuota={publishQuota} />
      ) : null}

      {step === "published" ? (
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="outline" onClick={onClose}>
            {t("close")}
          </Button>
          <Button type="button" variant="destructive" onClick={() => setRetakeChosen(true)}>
            {t("published.start")}
          </Button>
        </div>
      ) : account.kind === "miniprogram" ? (
        <TypeAForm account={account} mode={step} rule={target} onSaved={handleSaved} onCancel={onClose} />
      ) : (
        <TypeBForm account={account} mode={step} rule={target} onSaved={handleSaved} onCancel={onClose} />
      )}
    </>
  );
}

/** Why a published rule must be taken down to change it, and what that costs. */
function RetakeWarning({
  notice,
  publishQuota,
}: {
  notice: boolean;
  publishQuota: number | null | undefined;
}) {
  const t = useTranslations("ruleForm.published");
  return (
    <div
      data-testid="rule-form-retake-warning"
      className="flex gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
    >
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
      <div className="space-y-1.5">
        {notice ? <p>{t("notice")}</p> : null}
        <p>{t("warning")}</p>
        {publishQuota !== null && publishQuota !== undefined ? (
          <p className="font-medium">{t("quota", { count: publishQuota })}</p>
        ) : null}
      </div>
    </div>
  );
}
