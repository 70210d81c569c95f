"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm, useFormState, useWatch } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toastWarning } from "@/components/ui/toaster";
import type { AccountAdminView, OperatorView, SetPasswordLink } from "@/lib/admin/contract";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import {
  type OperatorCreateInput,
  type OperatorCreateValues,
  operatorCreateSchema,
} from "@/lib/schemas/operators";
import { createOperator } from "@/server/actions/operators";

import { AccountAccessField } from "./account-access-field";
import { OperatorFormAlert, OperatorFormFooter, firstArrayError } from "./operator-form-parts";
import { RoleField } from "./role-field";
import { useFormFailure } from "./use-form-failure";

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
  const message = useValidationMessage();
  const form = useForm<OperatorCreateInput, unknown, OperatorCreateValues>({
    resolver: zodResolver(operatorCreateSchema),
    defaultValues: DEFAULTS,
    mode: "onChange",
  });
  const { errors } = useFormState({ control: form.control });
  const role = useWatch({ control: form.control, name: "role" });
  const [formError, setFormError] = useState<string | null>(null);
  const onFailure = useFormFailure(form.setError, setFormError);

  const save = useMutation({
    mutationFn: createOperator,
    onSuccess: (result) => {
      if (!result.ok) {
        onFailure(result.error);
        return;
      }
      toastWarning(result);
      onCreated(result.data);
    },
    onError: () => setFormError(t("unexpected")),
  });

  const submit = (values: OperatorCreateValues) => {
    setFormError(null);
    save.mutate({ ...values, accountIds: values.role === "admin" ? [] : values.accountIds });
  };

  return (
    <form
      onSubmit={(event) => void form.handleSubmit(submit)(event)}
      noValidate
      className="space-y-5"
      data-testid="operator-create-form"
    >
      <FormField id="operator-email" label={t("email")} error={message(errors.email?.message)} required>
        <Input
          {...form.register("email")}
          type="email"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      </FormField>
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
      <FormField
        id="operator-password"
        label={t("password")}
        description={t("passwordHelp")}
        error={message(errors.password?.message)}
      >
        <Input {...form.register("password")} type="password" autoComplete="new-password" />
      </FormField>
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
      <OperatorFormAlert message={formError} />
      <OperatorFormFooter pending={save.isPending} onCancel={onCancel} />
    </form>
  );
}
