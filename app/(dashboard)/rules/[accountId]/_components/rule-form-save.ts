"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FieldValues, UseFormSetError } from "react-hook-form";

import { toast, toastWarning } from "@/components/ui/toaster";
import type { ActionResult, WeChatFailure } from "@/lib/action-result";
import { applyActionError } from "@/lib/forms";
import type { MirroredRule } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";

/** add: a new rule; edit: an unpublished rule; retake: a published rule, deleted and added again. */
export type RuleFormMode = "add" | "edit" | "retake";

/** What the form shows above its buttons when a save fails. */
export interface RuleFormFailure {
  message: string;
  wechat?: WeChatFailure;
}

export type RuleSaveResult = ActionResult<{ rule: MirroredRule }>;

const TOAST = { add: "added", edit: "edited", retake: "retaken" } as const;

/**
 * Runs a save (or retake) action for a rule form: field errors go on the
 * fields, the rest (with WeChat's explanation) into `failure`; on success the
 * account's rule queries are refreshed and `onSaved` gets the stored rule.
 * The mutation takes the call to make, so one hook serves save and retake.
 */
export function useRuleSave<T extends FieldValues>({
  accountId,
  mode,
  setError,
  onSaved,
}: {
  accountId: string;
  mode: RuleFormMode;
  setError: UseFormSetError<T>;
  onSaved: (rule: MirroredRule) => void;
}) {
  const t = useTranslations("ruleForm");
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<RuleFormFailure | null>(null);

  const mutation = useMutation({
    mutationFn: (call: () => Promise<RuleSaveResult>) => call(),
    onMutate: () => setFailure(null),
    onSuccess: (result) => {
      if (!result.ok) {
        const message = applyActionError(setError, result.error);
        setFailure(result.error.wechat ? { message, wechat: result.error.wechat } : { message });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: ruleKeys.account(accountId) });
      toast.success(t(`toast.${TOAST[mode]}`));
      toastWarning(result);
      onSaved(result.data.rule);
    },
    onError: () => setFailure({ message: t("unexpected") }),
  });

  return { mutation, failure };
}
