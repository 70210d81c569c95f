"use client";

import { Activity, Building2, QrCode, Settings, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

import { cn } from "@/lib/utils";

export const NAV_ITEMS = [
  { href: "/rules", key: "rules", icon: QrCode },
  { href: "/activity", key: "activity", icon: Activity },
  { href: "/accounts", key: "accounts", icon: Building2 },
  { href: "/operators", key: "operators", icon: Users },
  { href: "/settings", key: "settings", icon: Settings },
] as const;

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {NAV_ITEMS.map(({ href, key, icon: Icon }) => {
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
