"use client";

import { useTranslations } from "next-intl";

import { TextField } from "@/components/forms/text-field";
import type { AccountAdminView, OperatorView, SetPasswordLink } from "@/lib/admin/contract";
import { type OperatorCreateInput, operatorCreateSchema } from "@/lib/schemas/operators";
import { createOperator } from "@/server/actions/operators";

import { OperatorFormFrame, useOperatorForm } from "./operator-form-base";

export interface OperatorCreated {
  operator: OperatorView;
  setPasswordLink: SetPasswordLink | null;
}

const DEFAULTS: OperatorCreateInput = { email: "", name: "", role: "operator", password: "", accountIds: [] };

export function CreateOperatorForm({
  accounts,
  onCreated,
  onCancel,
}: {
  accounts: AccountAdminView[];
  onCreated: (created: OperatorCreated) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("operatorsAdmin.form");
  const operatorForm = useOperatorForm({
    schema: operatorCreateSchema,
    defaultValues: DEFAULTS,
    action: createOperator,
    toastKey: "created",
    onSuccess: onCreated,
  });
  const { register } = operatorForm.form;

  return (
    <OperatorFormFrame
      operatorForm={operatorForm}
      accounts={accounts}
      onCancel={onCancel}
      testId="operator-create-form"
      email={
        <TextField
          {...register("email")}
          id="operator-email"
          label={t("email")}
          required
          type="email"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      }
      password={
        <TextField
          {...register("password")}
          id="operator-password"
          label={t("password")}
          description={t("passwordHelp")}
          type="password"
          autoComplete="new-password"
        />
      }
    />
  );
}
