"use client";

import { useTheme } from "next-themes";
import type { ComponentProps } from "react";
import { Toaster as Sonner } from "sonner";

/** Toast messages must be translated, user-facing text: never a raw server error. */
export { toast } from "sonner";

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
