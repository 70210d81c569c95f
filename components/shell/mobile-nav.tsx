"use client";

import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ComponentProps, lazy } from "react";

import { Button } from "@/components/ui/button";
import { Deferred } from "@/components/ui/deferred";
import type { Role } from "@/lib/roles";

const loadSheet = () => import("./mobile-nav-sheet");
const MobileNavSheet = lazy(() => loadSheet().then((module) => ({ default: module.MobileNavSheet })));

/** The header's navigation button on small screens: the drawer's trigger, and its stand-in until first opened. */
export function MobileNavButton(props: ComponentProps<typeof Button>) {
  const t = useTranslations();
  return (
    <Button
      variant="ghost"
      size="icon"
      className="md:hidden"
      aria-haspopup="dialog"
      aria-label={t("shell.toggleNavigation")}
      {...props}
    >
      <Menu aria-hidden className="size-5" />
    </Button>
  );
}

export function MobileNav({ title, role }: { title: string; role: Role }) {
  return (
    <Deferred preload={loadSheet} trigger={(props) => <MobileNavButton {...props} />}>
      <MobileNavSheet title={title} role={role} />
    </Deferred>
  );
}
