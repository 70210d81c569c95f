import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Warnings of the action running now: a change that was made (at WeChat, say)
 * but whose follow-up failed is still reported as made, with what did not
 * follow. Kept per request, so the code deep inside an action that learns of
 * it need not thread the message back through every return type.
 */
const current = new AsyncLocalStorage<string[]>();

/** Runs an action's handler and returns its value with the warnings raised while it ran, each once. */
export async function collectWarnings<T>(run: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const value = await current.run(warnings, run);
  return { value, warnings: [...new Set(warnings)] };
}

/** Adds a warning (in the operator's language) to the result of the action running now. */
export function warn(message: string): void {
  current.getStore()?.push(message);
}
