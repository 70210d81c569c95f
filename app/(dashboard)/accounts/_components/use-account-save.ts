"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FieldValues, UseFormSetError } from "react-hook-form";

import { toast, toastWarning } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/action-result";
import type { AccountAdminView } from "@/lib/admin/contract";
import { applyActionError } from "@/lib/forms";
import { ruleKeys } from "@/lib/rules/queries";

import { type AccountFormFailure, toFormFailure } from "./account-error";

export type AccountSaveResult = ActionResult<{ account: AccountAdminView }>;

/**
 * Runs `createAccount` or `updateAccount` for the account form: field errors
 * (WeChat's included, e.g. 40125 on the AppSecret) go on the fields, the rest
 * into `failure`; on success the page's data is refreshed from the server.
 */
export function useAccountSave<T extends FieldValues>({
  setError,
  toastKey,
  onSaved,
}: {
  setError: UseFormSetError<T>;
  toastKey: "added" | "saved";
  onSaved: (account: AccountAdminView) => void;
}) {
  const t = useTranslations("accountsAdmin");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<AccountFormFailure | null>(null);

  const mutation = useMutation({
    mutationFn: (call: () => Promise<AccountSaveResult>) => call(),
    onMutate: () => setFailure(null),
    onSuccess: (result) => {
      if (!result.ok) {
        setFailure(toFormFailure(result.error, applyActionError(setError, result.error)));
        return;
      }
      const { account } = result.data;
      // New credentials or links change what the rules pages may do with this account.
      void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
      toast.success(t(`toast.${toastKey}`, { name: account.name }));
      toastWarning(result);
      router.refresh();
      onSaved(account);
    },
    onError: () => setFailure({ message: t("form.unexpected"), formErrors: [] }),
  });

  return { mutation, failure };
}
