"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast, toastWarning } from "@/components/ui/toaster";
import { applyActionError, lazyResolver } from "@/lib/forms";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { Settings, settingsSchema } from "@/lib/schemas/settings";
import { updateSettings } from "@/server/actions/update-settings";

type FormInput = z.input<typeof settingsSchema>;

const resolver = lazyResolver(async () => {
  const [{ zodResolver }, { settingsSchema }] = await Promise.all([
    import("@hookform/resolvers/zod"),
    import("@/lib/schemas/settings"),
  ]);
  return zodResolver(settingsSchema);
});

export function SettingsForm({ initial, canEdit }: { initial: Settings; canEdit: boolean }) {
  const t = useTranslations("settings");
  const message = useValidationMessage();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, Settings>({
    resolver,
    defaultValues: initial,
    mode: "onChange",
    disabled: !canEdit,
  });
  const { errors } = form.formState;
  const nameError = message(errors.organizationName?.message);
  const retentionError = message(errors.activityRetentionDays?.message);

  const save = useMutation({
    mutationFn: updateSettings,
    onSuccess: (result) => {
      if (!result.ok) {
        setFormError(applyActionError(form.setError, result.error));
        return;
      }
      setFormError(null);
      toastWarning(result);
      form.reset(result.data);
      toast.success(t("saved"));
      router.refresh();
    },
  });

  return (
    <form
      onSubmit={(event) => void form.handleSubmit((values) => save.mutate(values))(event)}
      noValidate
      className="space-y-6"
    >
      {!canEdit ? (
        <p className="rounded-md border bg-muted px-3 py-2 text-sm text-muted-foreground">
          {t("viewerNotice")}
        </p>
      ) : null}
      {formError ? (
        <div
          role="alert"
          className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {formError}
        </div>
      ) : null}
      <FormField
        id="organizationName"
        label={t("organizationName")}
        description={t("organizationNameHelp")}
        error={nameError}
      >
        <Input {...form.register("organizationName")} />
      </FormField>
      <FormField
        id="activityRetentionDays"
        label={t("retentionDays")}
        description={t("retentionHelp")}
        error={retentionError}
        required
      >
        <Input
          {...form.register("activityRetentionDays")}
          type="number"
          inputMode="numeric"
          min={7}
          max={3650}
          className="max-w-40"
        />
      </FormField>
      {canEdit ? (
        <Button type="submit" pending={save.isPending}>
          {t("save")}
        </Button>
      ) : null}
    </form>
  );
}
