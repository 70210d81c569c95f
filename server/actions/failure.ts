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
