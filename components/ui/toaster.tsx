"use client";

import { useTheme } from "next-themes";
import type { ComponentProps } from "react";
import { Toaster as Sonner, toast } from "sonner";

/** Toast messages must be translated, user-facing text: never a raw server error. */
export { toast } from "sonner";

/**
 * The warning of an action that made its change but not every follow-up (see
 * `ActionResult`): shown beside the success toast, and kept until dismissed.
 */
export function toastWarning(result: { ok: boolean; warning?: string }): void {
  if (result.ok && result.warning) toast.warning(result.warning, { duration: Infinity });
}

/** Mount once (in the app providers); follows the next-themes light/dark choice. */
export function Toaster(props: ComponentProps<typeof Sonner>) {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      richColors
      closeButton
      position="top-right"
      toastOptions={{ classNames: { toast: "font-sans" } }}
      {...props}
    />
  );
}
