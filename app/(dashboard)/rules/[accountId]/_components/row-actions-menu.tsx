"use client";

import { Pencil, Send, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { RowActionsMenu } from "@/components/ui/row-actions-menu";
import type { MirroredRule } from "@/lib/rules/contract";

import type { RuleActionHandlers } from "./row-actions";

/** The menu itself, loaded on the first click of a row's "…" button. */
export function RuleRowActionsMenu({
  rule,
  onEdit,
  onPublish,
  onDelete,
}: { rule: MirroredRule } & RuleActionHandlers) {
  const t = useTranslations("rules.rowActions");
  return (
    <RowActionsMenu label={t("label", { prefix: rule.prefix })} testId="rule-row-actions" defaultOpen>
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
    </RowActionsMenu>
  );
}
