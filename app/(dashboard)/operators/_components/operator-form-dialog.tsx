"use client";

import { useTranslations } from "next-intl";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { AccountAdminView, OperatorView } from "@/lib/admin/contract";

import { CreateOperatorForm, type OperatorCreated } from "./create-operator-form";
import { EditOperatorForm } from "./edit-operator-form";

export interface OperatorFormDialogProps {
  /** The operator to edit; without one the dialog adds an operator. */
  operator?: OperatorView;
  accounts: AccountAdminView[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (created: OperatorCreated) => void;
  onUpdated: (operator: OperatorView) => void;
}

/** "Add operator" or "Edit operator"; the form is mounted only while open, so each opening starts afresh. */
export function OperatorFormDialog({
  operator,
  accounts,
  open,
  onOpenChange,
  onCreated,
  onUpdated,
}: OperatorFormDialogProps) {
  const t = useTranslations("operatorsAdmin.form");
  const close = () => onOpenChange(false);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("close")} className="sm:max-w-xl" data-testid="operator-form-dialog">
        <DialogHeader>
          <DialogTitle>{operator ? t("editTitle") : t("addTitle")}</DialogTitle>
          <DialogDescription>
            {operator ? t("editDescription", { email: operator.email }) : t("addDescription")}
          </DialogDescription>
        </DialogHeader>
        {operator ? (
          <EditOperatorForm operator={operator} accounts={accounts} onUpdated={onUpdated} onCancel={close} />
        ) : (
          <CreateOperatorForm accounts={accounts} onCreated={onCreated} onCancel={close} />
        )}
      </DialogContent>
    </Dialog>
  );
}
