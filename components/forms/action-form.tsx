"use client";

import type { ComponentProps, ReactNode } from "react";
import { type FieldValues, FormProvider } from "react-hook-form";

import { cn } from "@/lib/utils";

import { FailureAlert } from "./failure-alert";
import type { ActionForm as ActionFormState } from "./use-action-form";

/**
 * The skeleton every action form shares: the `<form>` (its fields reach the form through react-hook-form's
 * context, so shared field components need no props to find it), the fields, the failure alert right above
 * the buttons, and the buttons.
 */
export function ActionForm<TInput extends FieldValues, TValues>({
  actionForm,
  onValid,
  footer,
  children,
  className,
  testId,
  ...formProps
}: {
  actionForm: ActionFormState<TInput, TValues>;
  /** What a valid submit does; by default it runs the action. */
  onValid?: (values: TValues) => void;
  footer: ReactNode;
  children: ReactNode;
  testId?: string;
} & Omit<ComponentProps<"form">, "onSubmit" | "children">) {
  const { form, failure, submit } = actionForm;
  return (
    <FormProvider {...form}>
      <form
        {...formProps}
        onSubmit={(event) => void form.handleSubmit(onValid ?? submit)(event)}
        noValidate
        className={cn("space-y-6", className)}
        data-testid={testId}
      >
        {children}
        {failure ? <FailureAlert failure={failure} /> : null}
        {footer}
      </form>
    </FormProvider>
  );
}
