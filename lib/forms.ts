import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

import type { ActionError } from "./action-result";

/**
 * Puts a failed action's field errors on the fields that caused them and
 * returns the message for the form as a whole.
 */
export function applyActionError<T extends FieldValues>(setError: UseFormSetError<T>, error: ActionError): string {
  let focused = false;
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    if (field === "_form" || !messages[0]) continue;
    setError(field as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: !focused });
    focused = true;
  }
  return error.message;
}
