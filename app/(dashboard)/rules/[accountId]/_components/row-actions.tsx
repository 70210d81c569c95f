"use client";

import { Pencil, Send, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { RowActionsMenu } from "@/components/ui/row-actions-menu";
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
    <RowActionsMenu label={t("label", { prefix: rule.prefix })} testId="rule-row-actions">
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
