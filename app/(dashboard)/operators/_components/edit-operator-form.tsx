"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm, useFormState, useWatch } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toastWarning } from "@/components/ui/toaster";
import type { AccountAdminView, OperatorView } from "@/lib/admin/contract";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import {
  type OperatorUpdateInput,
  type OperatorUpdateValues,
  operatorUpdateSchema,
} from "@/lib/schemas/operators";
import { updateOperator } from "@/server/actions/operators";

import { AccountAccessField } from "./account-access-field";
import { OperatorFormAlert, OperatorFormFooter, firstArrayError } from "./operator-form-parts";
import { RoleField } from "./role-field";
import { useFormFailure } from "./use-form-failure";

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
  const t = useTranslations("operatorsAdmin.form");
  const message = useValidationMessage();
  const form = useForm<OperatorUpdateInput, unknown, OperatorUpdateValues>({
    resolver: zodResolver(operatorUpdateSchema),
    defaultValues: {
      id: operator.id,
      name: operator.name,
      role: operator.role,
      accountIds: operator.accountIds,
    },
    mode: "onChange",
  });
  const { errors } = useFormState({ control: form.control });
  const role = useWatch({ control: form.control, name: "role" });
  const [formError, setFormError] = useState<string | null>(null);
  const onFailure = useFormFailure(form.setError, setFormError);

  const save = useMutation({
    mutationFn: updateOperator,
    onSuccess: (result) => {
      if (!result.ok) {
        onFailure(result.error);
        return;
      }
      toastWarning(result);
      onUpdated(result.data.operator);
    },
    onError: () => setFormError(t("unexpected")),
  });

  const submit = (values: OperatorUpdateValues) => {
    setFormError(null);
    save.mutate({ ...values, accountIds: values.role === "admin" ? [] : values.accountIds });
  };

  return (
    <form
      onSubmit={(event) => void form.handleSubmit(submit)(event)}
      noValidate
      className="space-y-5"
      data-testid="operator-edit-form"
    >
      <FormField
        id="operator-name"
        label={t("name")}
        description={t("nameHelp")}
        error={message(errors.name?.message)}
        required
      >
        <Input {...form.register("name")} autoComplete="off" />
      </FormField>
      <Controller
        control={form.control}
        name="role"
        render={({ field }) => (
          <RoleField
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={message(errors.role?.message)}
          />
        )}
      />
      <Controller
        control={form.control}
        name="accountIds"
        render={({ field }) => (
          <AccountAccessField
            accounts={accounts}
            value={field.value ?? []}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            admin={role === "admin"}
            error={message(firstArrayError(errors.accountIds))}
          />
        )}
      />
      <OperatorFormAlert message={formError ?? message(errors.id?.message) ?? null} />
      <OperatorFormFooter pending={save.isPending} onCancel={onCancel} />
    </form>
  );
}
