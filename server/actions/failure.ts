import type { ActionError } from "@/lib/action-result";

// Checked by brand, not class identity: an error may cross bundles that each hold a copy of this module.
const ACTION_FAILURE = Symbol.for("qrjump.ActionFailure");

/** Thrown inside an action (or what it calls) to end it with a specific, already translated error. */
export class ActionFailure extends Error {
  readonly [ACTION_FAILURE] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[ACTION_FAILURE] === true
    );
  }

  constructor(readonly error: ActionError) {
    super(error.message);
    this.name = "ActionFailure";
  }
}

/**
 * What a wrapper (an action's or a route handler's) answers for an error its handler threw: an
 * ActionFailure's own error, anything else logged and answered as a generic INTERNAL error, so no raw
 * server message ever reaches the browser. `internalMessage` is already in the operator's language.
 */
export function thrownError(error: unknown, where: "action" | "route", internalMessage: string): ActionError {
  if (error instanceof ActionFailure) return error.error;
  console.error(`[${where}] unexpected failure:`, error instanceof Error ? error.message : error);
  return { code: "INTERNAL", message: internalMessage };
}
