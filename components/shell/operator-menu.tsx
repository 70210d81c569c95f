"use client";

import { UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ComponentProps, lazy } from "react";

import { Button } from "@/components/ui/button";
import { Deferred } from "@/components/ui/deferred";
import type { Role } from "@/lib/roles";

export type SignedInOperator = { name: string; email: string; role: Role };

const loadMenu = () => import("./operator-menu-content");
const OperatorMenuContent = lazy(() =>
  loadMenu().then((module) => ({ default: module.OperatorMenuContent })),
);

/** The header's account button: the menu's trigger, and its stand-in until first opened. */
export function OperatorButton({ name, ...props }: { name: string } & ComponentProps<typeof Button>) {
  const t = useTranslations("shell");
  return (
    <Button variant="ghost" size="sm" aria-haspopup="menu" aria-label={t("accountMenu", { name })} {...props}>
      <UserRound aria-hidden className="size-4" />
      <span className="hidden max-w-40 truncate md:inline">{name}</span>
    </Button>
  );
}

export function OperatorMenu({ operator }: { operator: SignedInOperator }) {
  return (
    <Deferred preload={loadMenu} trigger={(props) => <OperatorButton name={operator.name} {...props} />}>
      <OperatorMenuContent operator={operator} />
    </Deferred>
  );
}
