"use client";

import type { AccountAdminView, OperatorView } from "@/lib/admin/contract";
import { operatorUpdateSchema } from "@/lib/schemas/operators";
import { updateOperator } from "@/server/actions/operators";

import { OperatorFormFrame, useOperatorForm } from "./operator-form-base";

/** Name, role and accounts of an existing operator (the email is how they sign in, so it stays). */
export function EditOperatorForm({
  operator,
  accounts,
  onUpdated,
  onCancel,
}: {
  operator: OperatorView;
  accounts: AccountAdminView[];
  onUpdated: (operator: OperatorView) => void;
  onCancel: () => void;
}) {
  const operatorForm = useOperatorForm({
    schema: operatorUpdateSchema,
    defaultValues: {
      id: operator.id,
      name: operator.name,
      role: operator.role,
      accountIds: operator.accountIds,
    },
    action: updateOperator,
    toastKey: "updated",
    onSuccess: (data) => onUpdated(data.operator),
    hidden: ["id"],
  });

  return (
    <OperatorFormFrame
      operatorForm={operatorForm}
      accounts={accounts}
      onCancel={onCancel}
      testId="operator-edit-form"
    />
  );
}
