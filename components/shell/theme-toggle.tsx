"use client";

import { Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ComponentProps, lazy } from "react";

import { Button } from "@/components/ui/button";
import { Deferred } from "@/components/ui/deferred";

const loadMenu = () => import("./theme-menu");
const ThemeMenu = lazy(() => loadMenu().then((module) => ({ default: module.ThemeMenu })));

/** The header's theme button: the menu's trigger, and its stand-in until first opened. */
export function ThemeButton(props: ComponentProps<typeof Button>) {
  const t = useTranslations("shell");
  return (
    <Button variant="ghost" size="icon" aria-haspopup="menu" aria-label={t("theme")} {...props}>
      <Sun aria-hidden className="size-4 dark:hidden" />
      <Moon aria-hidden className="hidden size-4 dark:block" />
    </Button>
  );
}

export function ThemeToggle() {
  return (
    <Deferred preload={loadMenu} trigger={(props) => <ThemeButton {...props} />}>
      <ThemeMenu />
    </Deferred>
  );
}
