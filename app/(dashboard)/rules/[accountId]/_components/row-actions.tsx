"use client";

import { MoreHorizontal, Pencil, Send, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { MirroredRule } from "@/lib/rules/contract";

export interface RuleActionHandlers {
  onEdit: (rule: MirroredRule) => void;
  onPublish: (rule: MirroredRule) => void;
  onDelete: (rule: MirroredRule) => void;
}

/** Edit, publish (only while unpublished) and delete one rule. */
export function RowActions({
  rule,
  onEdit,
  onPublish,
  onDelete,
}: { rule: MirroredRule } & RuleActionHandlers) {
  const t = useTranslations("rules.rowActions");
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={t("label", { prefix: rule.prefix })}
          data-testid="rule-row-actions"
        >
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => onEdit(rule)}>
          <Pencil aria-hidden />
          {t("edit")}
        </DropdownMenuItem>
        {rule.state === 1 ? (
          <DropdownMenuItem onSelect={() => onPublish(rule)}>
            <Send aria-hidden />
            {t("publish")}
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={() => onDelete(rule)}>
          <Trash2 aria-hidden />
          {t("delete")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
