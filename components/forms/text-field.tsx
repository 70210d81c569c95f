"use client";

import type { ComponentProps, ReactNode } from "react";
import { type FieldError, get, useFormState } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";

export type TextFieldProps = {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  required?: boolean;
  /** Beside the label (a `TermHelp`). */
  help?: ReactNode;
  /** From `form.register(…)`: the field's name, where its error is looked up. */
  name: string;
} & Omit<ComponentProps<typeof Input>, "id" | "name" | "required">;

/**
 * A labelled text input of an action form: spread `form.register(name)` on it. Its error (the schema's
 * message key or the server's message) is read from the form's context and announced under it.
 */
export function TextField({ id, label, description, required, help, ...input }: TextFieldProps) {
  const message = useValidationMessage();
  const { errors } = useFormState({ name: input.name });
  const error = get(errors, input.name) as FieldError | undefined;
  return (
    <FormField
      id={id}
      label={label}
      description={description}
      error={message(error?.message)}
      required={required}
      help={help}
    >
      <Input {...input} />
    </FormField>
  );
}
