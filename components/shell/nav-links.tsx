"use client";

import { Activity, Building2, QrCode, ScanLine, Settings, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

import { type Role, hasRole } from "@/lib/roles";
import { cn } from "@/lib/utils";

/** The pages of the navigation, each shown to the roles that can use it. */
export const NAV_ITEMS = [
  { href: "/rules", key: "rules", icon: QrCode, role: "viewer" },
  { href: "/simulate", key: "simulate", icon: ScanLine, role: "viewer" },
  { href: "/activity", key: "activity", icon: Activity, role: "viewer" },
  { href: "/accounts", key: "accounts", icon: Building2, role: "admin" },
  { href: "/operators", key: "operators", icon: Users, role: "admin" },
  { href: "/settings", key: "settings", icon: Settings, role: "admin" },
] as const satisfies readonly { href: string; key: string; icon: unknown; role: Role }[];

export function NavLinks({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {NAV_ITEMS.filter((item) => hasRole(role, item.role)).map(({ href, key, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
                active && "bg-accent text-accent-foreground",
              )}
            >
              <Icon aria-hidden className="size-4" />
              {t(key)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
