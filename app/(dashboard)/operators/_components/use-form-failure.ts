"use client";

import { useCallback } from "react";
import type { FieldValues, UseFormSetError } from "react-hook-form";

import type { ActionError } from "@/lib/action-result";
import { applyActionError } from "@/lib/forms";

/**
 * Shows a failed action on the form: field errors on their fields, the message as the form's alert,
 * unless it only repeats what a field already says (a taken email says so on the email field).
 */
export function useFormFailure<T extends FieldValues>(
  setError: UseFormSetError<T>,
  setFormError: (message: string | null) => void,
): (error: ActionError) => void {
  return useCallback(
    (error) => {
      const message = applyActionError(setError, error);
      const onFields = Object.entries(error.fieldErrors ?? {})
        .filter(([field]) => field !== "_form")
        .flatMap(([, messages]) => messages);
      setFormError(onFields.includes(message) ? null : message);
    },
    [setError, setFormError],
  );
}
