import "server-only";

import type { z } from "zod";

/** The `validation` messages in the operator's language. */
export interface ValidationMessages {
  has(key: string): boolean;
  t(key: string): string;
}

/**
 * A failed parse as field errors (dotted path → messages), for actions and
 * route handlers alike. Schemas use i18n keys as messages; anything else is
 * shown as written.
 */
export function fieldErrorsOf(error: z.ZodError, validation: ValidationMessages): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    const message = validation.has(issue.message) ? validation.t(issue.message) : issue.message;
    (fieldErrors[field] ??= []).push(message);
  }
  return fieldErrors;
}
