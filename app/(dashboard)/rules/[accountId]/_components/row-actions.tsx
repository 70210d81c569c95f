"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";

import { DeferredRowActions } from "@/components/ui/row-actions-trigger";
import type { MirroredRule } from "@/lib/rules/contract";

export interface RuleActionHandlers {
  onEdit: (rule: MirroredRule) => void;
  onPublish: (rule: MirroredRule) => void;
  onDelete: (rule: MirroredRule) => void;
}

const loadMenu = () => import("./row-actions-menu");
const RuleRowActionsMenu = lazy(() => loadMenu().then((module) => ({ default: module.RuleRowActionsMenu })));

/** Edit, publish (only while unpublished) and delete one rule. */
export function RowActions({ rule, ...handlers }: { rule: MirroredRule } & RuleActionHandlers) {
  const t = useTranslations("rules.rowActions");
  return (
    <DeferredRowActions
      label={t("label", { prefix: rule.prefix })}
      testId="rule-row-actions"
      preload={loadMenu}
    >
      <RuleRowActionsMenu rule={rule} {...handlers} />
    </DeferredRowActions>
  );
}
