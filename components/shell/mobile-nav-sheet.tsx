"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import type { Role } from "@/lib/roles";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";

import { MobileNavButton } from "./mobile-nav";
import { NavLinks } from "./nav-links";

/** The navigation drawer, loaded on the first click of the header's navigation button. */
export function MobileNavSheet({ title, role }: { title: string; role: Role }) {
  const t = useTranslations();
  const [open, setOpen] = useState(true);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <MobileNavButton />
      </SheetTrigger>
      <SheetContent side="left" className="w-72 p-4">
        <SheetTitle className="mb-4 px-3">{title}</SheetTitle>
        <nav aria-label={t("nav.label")}>
          <NavLinks role={role} onNavigate={() => setOpen(false)} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
