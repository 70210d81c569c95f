"use client";

import { type ComponentProps, Suspense, lazy, useSyncExternalStore } from "react";

import type * as SonnerModule from "sonner";

/**
 * Toasts load their library with the first toast, not with every page: `toast.success` and `toast.error`
 * mount the Toaster, wait until it listens, then show the message. Toast messages must be translated,
 * user-facing text: never a raw server error.
 */
type Sonner = typeof SonnerModule;
type Message = Parameters<Sonner["toast"]["success"]>[0];
type Options = Parameters<Sonner["toast"]["success"]>[1];

let wanted = false;
const subscribers = new Set<() => void>();
let markListening: () => void = () => {};
const listening = new Promise<void>((resolve) => {
  markListening = resolve;
});

function want(): Promise<Sonner> {
  if (!wanted) {
    wanted = true;
    for (const notify of subscribers) notify();
  }
  return Promise.all([import("sonner"), listening]).then(([sonner]) => sonner);
}

export const toast = {
  success: (message: Message, options?: Options) =>
    void want().then(({ toast }) => toast.success(message, options)),
  error: (message: Message, options?: Options) =>
    void want().then(({ toast }) => toast.error(message, options)),
  warning: (message: Message, options?: Options) =>
    void want().then(({ toast }) => toast.warning(message, options)),
};

/** Called by the loaded Toaster once sonner listens for toasts. */
export function toasterListening(): void {
  markListening();
}

const LoadedToaster = lazy(() =>
  import("./toaster-loaded").then((module) => ({ default: module.LoadedToaster })),
);

const subscribe = (notify: () => void) => {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
};

/**
 * The warning of an action that made its change but not every follow-up (see
 * `ActionResult`): shown beside the success toast, and kept until dismissed.
 */
export function toastWarning(result: { ok: boolean; warning?: string }): void {
  if (result.ok && result.warning) toast.warning(result.warning, { duration: Infinity });
}

/** Mount once (in the app providers); follows the next-themes light/dark choice. */
export function Toaster(props: ComponentProps<Sonner["Toaster"]>) {
  const active = useSyncExternalStore(
    subscribe,
    () => wanted,
    () => false,
  );
  if (!active) return null;
  return (
    <Suspense fallback={null}>
      <LoadedToaster {...props} />
    </Suspense>
  );
}
