"use client";

import { Languages } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type ComponentProps, lazy } from "react";

import { Button } from "@/components/ui/button";
import { Deferred } from "@/components/ui/deferred";

const loadMenu = () => import("./language-menu");
const LanguageMenu = lazy(() => loadMenu().then((module) => ({ default: module.LanguageMenu })));

/** The header's language button: the menu's trigger, and its stand-in until first opened. */
export function LanguageButton(props: ComponentProps<typeof Button>) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-haspopup="menu"
      aria-label={`${t("shell.language")}: ${t(`languages.${locale}`)}`}
      {...props}
    >
      <Languages aria-hidden className="size-4" />
      <span className="hidden sm:inline">{t(`languages.${locale}`)}</span>
    </Button>
  );
}

export function LanguageSwitch() {
  return (
    <Deferred preload={loadMenu} trigger={(props) => <LanguageButton {...props} />}>
      <LanguageMenu />
    </Deferred>
  );
}
