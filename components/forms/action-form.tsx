"use client";

import { type ComponentProps, type ReactNode, useEffect, useRef } from "react";
import { type FieldValues, FormProvider } from "react-hook-form";

import { cn } from "@/lib/utils";

import { FailureAlert } from "./failure-alert";
import type { ActionForm as ActionFormState } from "./use-action-form";

/**
 * The skeleton every action form shares: the `<form>` (its fields reach the form through react-hook-form's
 * context, so shared field components need no props to find it), the failure alert at the top, the fields,
 * and the buttons. A failed submit is brought into view: the field it is on is focused, or else the alert.
 */
export function ActionForm<TInput extends FieldValues, TValues>({
  actionForm,
  onValid,
  footer,
  children,
  className,
  testId,
  accountId,
  ...formProps
}: {
  actionForm: ActionFormState<TInput, TValues>;
  /** What a valid submit does; by default it runs the action. */
  onValid?: (values: TValues) => void;
  footer: ReactNode;
  children: ReactNode;
  testId?: string;
  /** The WeChat account the form acts on, when it knows it: the failure's explain link leads back to it. */
  accountId?: string;
} & Omit<ComponentProps<"form">, "onSubmit" | "children">) {
  const { form, failure, failures, submit } = actionForm;
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failures === 0) return;
    // After react-hook-form focused the first field the failure is on, if it has an input.
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (
        active instanceof HTMLElement &&
        formRef.current?.contains(active) &&
        active.getAttribute("aria-invalid") === "true"
      ) {
        active.scrollIntoView({ block: "center" });
        return;
      }
      alertRef.current?.scrollIntoView({ block: "nearest" });
      alertRef.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [failures]);
  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        {...formProps}
        onSubmit={(event) => void form.handleSubmit(onValid ?? submit)(event)}
        noValidate
        className={cn("space-y-6", className)}
        data-testid={testId}
      >
        {failure ? <FailureAlert ref={alertRef} failure={failure} accountId={accountId} /> : null}
        {children}
        {footer}
      </form>
    </FormProvider>
  );
}
