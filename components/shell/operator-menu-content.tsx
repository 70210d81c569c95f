"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

import { OperatorButton, type SignedInOperator } from "./operator-menu";

/** The signed-in operator's menu, loaded on the first click of the header's account button. */
export function OperatorMenuContent({ operator }: { operator: SignedInOperator }) {
  const t = useTranslations("shell");
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut({ redirectTo: "/login" });
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <OperatorButton name={operator.name} pending={signingOut} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="space-y-1 font-normal">
          <span className="block text-xs text-muted-foreground">{t("signedInAs")}</span>
          <span className="block truncate font-medium" data-testid="operator-name">
            {operator.name}
          </span>
          <span className="block truncate text-xs text-muted-foreground">{operator.email}</span>
          <Badge variant="secondary">{t(`roles.${operator.role}`)}</Badge>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void handleSignOut()} disabled={signingOut}>
          <LogOut aria-hidden className="size-4" />
          {signingOut ? t("signingOut") : t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
