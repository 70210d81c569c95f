"use client";

import {
  type FieldValues,
  type Path,
  type PathValue,
  type RefCallBack,
  type UseControllerProps,
  useController,
} from "react-hook-form";

import { useValidationMessage } from "@/lib/i18n/use-validation-message";

/** What the product's choice fields (radio cards, role, account access, token mode) take from their form. */
export interface ControlProps<V> {
  name: string;
  value: V;
  onChange: (value: V) => void;
  onBlur: () => void;
  /** Given to the first input, so a server error on the field can focus it. */
  inputRef: RefCallBack;
  /** Translated. */
  error: string | undefined;
}

/** The first message of a field's errors: on the field itself or, for a list, on one of its items. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if ("message" in error && typeof error.message === "string" && error.message) return error.message;
  for (const item of Object.values(error)) {
    if (item && typeof item === "object" && "message" in item && typeof item.message === "string") {
      return item.message;
    }
  }
  return undefined;
}

/**
 * A react-hook-form field as props for a controlled choice field: `<RoleField {...useControlProps({ name:
 * "role" })} />`. Without `control` the field is found in the form's context (inside `ActionForm`).
 */
export function useControlProps<T extends FieldValues, N extends Path<T>>(
  props: UseControllerProps<T, N>,
): ControlProps<PathValue<T, N>> {
  const message = useValidationMessage();
  const { field, fieldState } = useController(props);
  return {
    name: field.name,
    value: field.value,
    onChange: field.onChange,
    onBlur: field.onBlur,
    inputRef: field.ref,
    error: message(firstMessage(fieldState.error)),
  };
}
