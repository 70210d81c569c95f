"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";

import { DeferredRowActions } from "@/components/ui/row-actions-trigger";
import type { OperatorView } from "@/lib/admin/contract";

export interface OperatorActionHandlers {
  onEdit: (operator: OperatorView) => void;
  onResetPassword: (operator: OperatorView) => void;
  onToggleDisabled: (operator: OperatorView) => void;
  onSessions: (operator: OperatorView) => void;
}

const loadMenu = () => import("./operator-row-actions-menu");
const OperatorRowActionsMenu = lazy(() =>
  loadMenu().then((module) => ({ default: module.OperatorRowActionsMenu })),
);

/** Edit, reset the password of, see the sessions of, and disable or enable one operator. */
export function OperatorRowActions(
  props: { operator: OperatorView; resetting: boolean } & OperatorActionHandlers,
) {
  const t = useTranslations("operatorsAdmin.rowActions");
  return (
    <DeferredRowActions
      label={t("label", { email: props.operator.email })}
      testId="operator-row-actions"
      preload={loadMenu}
    >
      <OperatorRowActionsMenu {...props} />
    </DeferredRowActions>
  );
}
