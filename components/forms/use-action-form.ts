"use client";

import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
  get,
  useForm,
  useFormState,
} from "react-hook-form";
import type { z } from "zod";

import { toast, toastWarning } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/action-result";
import { applyActionError, lazyResolver } from "@/lib/forms";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";

import { type FormFailure, formFailure } from "./failure-alert";

type Schema<TInput, TValues> = z.ZodType<TValues, TInput>;

export interface ActionFormOptions<TInput extends FieldValues, TValues, TData> {
  /**
   * The operation's schema from `lib/schemas` (the one its action parses with), or a loader for it: a form
   * shown on page load passes `() => import(…)` so zod arrives with the first validation, not with the page.
   */
  schema: Schema<TInput, TValues> | (() => Promise<Schema<TInput, TValues>>);
  defaultValues: DefaultValues<TInput>;
  /** The server action. */
  action: (values: TValues) => Promise<ActionResult<TData>>;
  /** After a success, once the queries are invalidated and the toasts shown. */
  onSuccess?: (data: TData, form: UseFormReturn<TInput, unknown, TValues>) => void;
  /** The react-query keys the change touched; they are refetched after a success. */
  invalidate?: (data: TData) => QueryKey[];
  /** The success toast. An action's warning is always shown beside it. */
  successToast?: (data: TData) => string;
  /** Re-render the page's server components after a success (what they read has changed). */
  refresh?: boolean;
  /** What the form says when the call itself fails (the network, the server). */
  unexpected: string;
  /** Fields the form holds but shows no input for (an id, a token): their errors go in the form's alert. */
  hidden?: Path<TInput>[];
  disabled?: boolean;
}

export interface ActionForm<TInput extends FieldValues, TValues> {
  form: UseFormReturn<TInput, unknown, TValues>;
  /** What the alert at the top of the form shows; null while there is nothing to say. */
  failure: FormFailure | null;
  /** Counts the failed submits, so the form brings each new failure into view once. */
  failures: number;
  pending: boolean;
  /** Runs the action with valid values (what a submit does unless the form asks first). */
  submit: (values: TValues) => void;
  /** The same, for a confirmation dialog that waits for it (and stays open if the call throws). */
  submitAsync: (values: TValues) => Promise<void>;
}

/** The resolver's code (and a loaded schema) arrives with the first validation, not with the page. */
function resolverFor<TInput extends FieldValues, TValues>(
  schema: ActionFormOptions<TInput, TValues, unknown>["schema"],
): Resolver<TInput, unknown, TValues> {
  return lazyResolver(async () => {
    const [{ zodResolver }, loaded] = await Promise.all([
      import("@hookform/resolvers/zod"),
      typeof schema === "function" ? schema() : schema,
    ]);
    return zodResolver(loaded);
  });
}

/**
 * THE way a form saves through a server action: react-hook-form validating with the operation's zod schema
 * as the operator types, a react-query mutation calling the action, the server's field errors put on the
 * fields they name (the first one focused), the rest of the failure (WeChat's explanation, the rid) kept for
 * the form's alert, and on success the touched queries refetched and the toasts shown.
 *
 * ```tsx
 * const settings = useActionForm({ schema: settingsSchema, defaultValues, action: updateSettings,
 *   successToast: () => t("saved"), unexpected: t("unexpected") });
 * return <ActionForm actionForm={settings} footer={…}>…fields…</ActionForm>;
 * ```
 */
export function useActionForm<TInput extends FieldValues, TValues, TData>({
  schema,
  defaultValues,
  action,
  onSuccess,
  invalidate,
  successToast,
  refresh = false,
  unexpected,
  hidden = [],
  disabled,
}: ActionFormOptions<TInput, TValues, TData>): ActionForm<TInput, TValues> {
  const router = useRouter();
  const queryClient = useQueryClient();
  const message = useValidationMessage();
  const [resolver] = useState(() => resolverFor(schema));
  const form = useForm<TInput, unknown, TValues>({ resolver, defaultValues, mode: "onChange", disabled });
  const { errors } = useFormState({ control: form.control, name: hidden });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [failures, setFailures] = useState(0);

  const mutation = useMutation({
    mutationFn: action,
    onMutate: () => setFailure(null),
    onSuccess: (result) => {
      if (!result.ok) {
        applyActionError(form.setError, result.error);
        setFailure(formFailure(result.error));
        setFailures((count) => count + 1);
        return;
      }
      for (const queryKey of invalidate?.(result.data) ?? [])
        void queryClient.invalidateQueries({ queryKey });
      if (successToast) toast.success(successToast(result.data));
      toastWarning(result);
      if (refresh) router.refresh();
      onSuccess?.(result.data, form);
    },
    onError: () => {
      setFailure({ message: unexpected, formErrors: [] });
      setFailures((count) => count + 1);
    },
  });

  // The schema's or the server's verdict on a field without an input would otherwise go unseen.
  const unseen = hidden.flatMap((name) => {
    const text = message((get(errors, name) as { message?: string } | undefined)?.message);
    return text ? [text] : [];
  });
  const shown: FormFailure | null =
    unseen.length > 0
      ? { ...(failure ?? { message: null }), formErrors: [...(failure?.formErrors ?? []), ...unseen] }
      : failure;
  const worthShowing = shown && (shown.message || shown.wechat || shown.formErrors.length > 0);

  return {
    form,
    failure: worthShowing ? shown : null,
    failures,
    pending: mutation.isPending,
    submit: (values) => mutation.mutate(values),
    submitAsync: async (values) => {
      await mutation.mutateAsync(values);
    },
  };
}
