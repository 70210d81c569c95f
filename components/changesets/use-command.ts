"use client";

import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { toast, toastWarning } from "@/components/ui/toaster";
import { explainHref, useActionErrorText } from "@/components/wechat/wechat-failure";
import type { ActionResult } from "@/lib/action-result";

/**
 * A button's server action on a change set or its account (apply, pause, check drift…): its failure
 * shown as a toast in the operator's language, the touched queries refetched after it.
 */
export function useCommand<TInput, TData>(
  action: (input: TInput) => Promise<ActionResult<TData>>,
  options: { invalidate: QueryKey[]; onSuccess?: (data: TData) => void; success?: string },
) {
  const queryClient = useQueryClient();
  const errorText = useActionErrorText();
  const t = useTranslations("changeSets");
  const tExplain = useTranslations("explain");
  return useMutation({
    mutationFn: action,
    onSuccess: (result) => {
      for (const queryKey of options.invalidate) void queryClient.invalidateQueries({ queryKey });
      if (!result.ok) {
        const { wechat } = result.error;
        // WeChat's refusal: the toast opens the explain view, where the fix is said and linked.
        toast.error(
          errorText(result.error),
          wechat
            ? {
                action: {
                  label: tExplain("link"),
                  onClick: () => window.open(explainHref(wechat), "_blank"),
                },
              }
            : undefined,
        );
        return;
      }
      if (options.success) toast.success(options.success);
      toastWarning(result);
      options.onSuccess?.(result.data);
    },
    onError: () => toast.error(t("unexpected")),
  });
}
