// What the create and edit operator forms share: saving, the frame, and the fields both have.
"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { type DefaultValues, type FieldValues, type Path, useFormContext } from "react-hook-form";
import type { z } from "zod";

import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/text-field";
import { type ActionForm as ActionFormState, useActionForm } from "@/components/forms/use-action-form";
import { useControlProps } from "@/components/forms/use-control-props";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import type { AccountAdminView, OperatorView } from "@/lib/admin/contract";
import type { Role } from "@/lib/roles";

import { AccountAccessField } from "./account-access-field";
import { RoleField } from "./role-field";

/** The fields both forms have, as the shared fields below find them in the form's context. */
interface OperatorFields {
  name: string;
  role: Role;
  accountIds?: string[];
}

/**
 * Saving an operator (`createOperator` or `updateOperator`): an admin has every account, so none is sent for
 * one; on success a toast names the operator and the page is refreshed.
 */
export function useOperatorForm<
  TInput extends FieldValues,
  TValues extends OperatorFields,
  TData extends { operator: OperatorView },
>({
  action,
  toastKey,
  ...options
}: {
  schema: z.ZodType<TValues, TInput>;
  defaultValues: DefaultValues<TInput>;
  action: (values: TValues) => Promise<ActionResult<TData>>;
  toastKey: "created" | "updated";
  onSuccess: (data: TData) => void;
  hidden?: Path<TInput>[];
}): ActionFormState<TInput, TValues> {
  const t = useTranslations("operatorsAdmin.form");
  return useActionForm({
    ...options,
    action: (values) => action({ ...values, accountIds: values.role === "admin" ? [] : values.accountIds }),
    successToast: ({ operator }) => t(toastKey, { name: operator.name }),
    refresh: true,
    unexpected: t("unexpected"),
  });
}

interface OperatorFormFrameProps<TInput extends FieldValues, TValues> {
  operatorForm: ActionFormState<TInput, TValues>;
  accounts: AccountAdminView[];
  onCancel: () => void;
  testId: string;
  /** The new operator's email and password fields (an existing operator keeps both). */
  email?: ReactNode;
  password?: ReactNode;
}

/**
 * An operator form: [email], name, role, [password], the accounts they may use, the failure, cancel and save.
 */
export function OperatorFormFrame<TInput extends FieldValues, TValues>({
  operatorForm,
  onCancel,
  testId,
  ...fields
}: OperatorFormFrameProps<TInput, TValues>) {
  const t = useTranslations("operatorsAdmin.form");
  const { pending } = operatorForm;
  return (
    <ActionForm
      actionForm={operatorForm}
      className="space-y-5"
      testId={testId}
      footer={
        <div className="flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:justify-end">
          <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
            {t("cancel")}
          </Button>
          <Button type="submit" pending={pending}>
            {t("submit")}
          </Button>
        </div>
      }
    >
      <OperatorFormFields {...fields} />
    </ActionForm>
  );
}

/** Inside the form, so the fields find it in the context. */
function OperatorFormFields({
  accounts,
  email,
  password,
}: Pick<OperatorFormFrameProps<FieldValues, unknown>, "accounts" | "email" | "password">) {
  const t = useTranslations("operatorsAdmin.form");
  const { register, control } = useFormContext<OperatorFields>();
  const role = useControlProps({ control, name: "role" });
  const accountIds = useControlProps({ control, name: "accountIds" });
  return (
    <>
      {email}
      <TextField
        {...register("name")}
        id="operator-name"
        label={t("name")}
        description={t("nameHelp")}
        required
        autoComplete="off"
      />
      <RoleField {...role} />
      {password}
      <AccountAccessField
        {...accountIds}
        value={accountIds.value ?? []}
        accounts={accounts}
        admin={role.value === "admin"}
      />
    </>
  );
}
