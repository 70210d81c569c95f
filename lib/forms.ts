import type { FieldValues, Path, Resolver, UseFormSetError } from "react-hook-form";

import type { ActionError } from "./action-result";

/**
 * Puts a failed action's field errors on the fields that caused them and
 * returns the message for the form as a whole.
 */
export function applyActionError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: ActionError,
): string {
  let focused = false;
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    if (field === "_form" || !messages[0]) continue;
    setError(field as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: !focused });
    focused = true;
  }
  return error.message;
}

/**
 * A react-hook-form resolver whose code (the schema, zod and its resolver) loads with the first validation
 * rather than with the page: a form shown on page load no longer ships zod before anyone types.
 */
export function lazyResolver<TInput extends FieldValues, TOutput>(
  load: () => Promise<Resolver<TInput, unknown, TOutput>>,
): Resolver<TInput, unknown, TOutput> {
  let loading: Promise<Resolver<TInput, unknown, TOutput>> | undefined;
  return async (values, context, options) => {
    loading ??= load();
    return (await loading)(values, context, options);
  };
}
