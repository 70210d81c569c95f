"use client";

import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { type ComponentProps, useEffect } from "react";
import { Toaster as Sonner } from "sonner";

import { toasterListening } from "./toaster";

/** sonner's Toaster, loaded with the first toast (see toaster.tsx). */
export function LoadedToaster(props: ComponentProps<typeof Sonner>) {
  const { resolvedTheme } = useTheme();
  const t = useTranslations("toaster");
  // Effects run child first: by now sonner has subscribed, so the waiting toast is not lost.
  useEffect(() => toasterListening(), []);
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      richColors
      closeButton
      // Below, not over the header's language switch and account menu.
      position="bottom-right"
      // Under menus, selects, popovers and dialogs (z-50): a toast must never cover the item of a menu
      // opened over it, which hovering would also keep from timing out.
      style={{ zIndex: 40 }}
      containerAriaLabel={t("label")}
      toastOptions={{ classNames: { toast: "font-sans" }, closeButtonAriaLabel: t("close") }}
      {...props}
    />
  );
}
