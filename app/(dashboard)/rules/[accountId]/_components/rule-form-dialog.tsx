/**
 * The dialog that adds or edits a rule.
 *
 * ```tsx
 * <RuleFormDialog account={account} mode="add" open={open} onOpenChange={setOpen} />
 * <RuleFormDialog account={account} mode="edit" rule={row} open={open} onOpenChange={setOpen}
 *   budget={summary} onSaved={(rule) => …} />
 * ```
 *
 * - `mode="add"`: a new rule (`rule` is ignored; "edit" without a `rule` also adds).
 * - `mode="edit"` with `rule`: the rule opens prefilled, its prefix read-only (WeChat identifies a rule by
 *   its prefix). WeChat edits in place only the test scope, occupy flag and test links of an unpublished
 *   type-A rule; any other change (the page path, a type-B rule, anything of a published rule) is a replace:
 *   saving first shows its steps, what it spends of `budget` (publishes left, type-B add budgets) and
 *   when scans fall back to the web page, and runs only once confirmed (a published rule's prefix typed).
 *
 * The form follows `account.kind`: type A (Mini Program) or type B (Service Account). After a successful
 * save the dialog refreshes `ruleKeys.account(account.id)`, shows a toast, calls `onSaved` with the stored
 * rule, and closes itself through `onOpenChange(false)`.
 */
"use client";

import { Info, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef } from "react";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";

import type { ReplaceBudget, RuleFormMode } from "./rule-form-base";
import { TypeAForm } from "./type-a-form";
import { TypeBForm } from "./type-b-form";

export type { RuleFormMode } from "./rule-form-base";

export interface RuleFormDialogProps {
  account: AccountView;
  /** "edit" needs `rule`; without one the dialog adds a rule. */
  mode: RuleFormMode;
  rule?: MirroredRule;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: (rule: MirroredRule) => void;
  /** Publishes left this month and type-B add budgets (`RuleSummary`), shown before a replace. */
  budget?: ReplaceBudget;
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

function RuleFormDialogBody({ account, mode, rule, onSaved, budget, onClose }: BodyProps) {
  const t = useTranslations("ruleForm");
  const requested: RuleFormMode = rule ? mode : "add";
  const target = requested === "add" ? undefined : rule;
  const notice = !target
    ? null
    : target.state === 2
      ? "published"
      : account.kind === "officialaccount"
        ? "typeB"
        : "path";

  const handleSaved = (saved: MirroredRule) => {
    onSaved?.(saved);
    onClose();
  };
  const formProps = {
    account,
    mode: requested,
    rule: target,
    budget,
    onSaved: handleSaved,
    onCancel: onClose,
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t(`title.${requested}`)}</DialogTitle>
        <DialogDescription>{t(`description.${account.kind}`, { name: account.name })}</DialogDescription>
      </DialogHeader>

      {notice ? <EditNotice warn={notice === "published"}>{t(`notice.${notice}`)}</EditNotice> : null}

      {account.kind === "miniprogram" ? <TypeAForm {...formProps} /> : <TypeBForm {...formProps} />}
    </>
  );
}

/** What saving an edit will do at WeChat: in place, or as a replace shown before it runs. */
function EditNotice({ warn, children }: { warn: boolean; children: string }) {
  const Icon = warn ? TriangleAlert : Info;
  return (
    <div
      data-testid="rule-form-edit-notice"
      className={
        warn
          ? "flex gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
          : "flex gap-3 rounded-md border px-3 py-2 text-sm text-muted-foreground"
      }
    >
      <Icon aria-hidden className={warn ? "mt-0.5 size-4 shrink-0 text-warning" : "mt-0.5 size-4 shrink-0"} />
      <p>{children}</p>
    </div>
  );
}
