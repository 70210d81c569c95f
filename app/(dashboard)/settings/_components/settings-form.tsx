"use client";

import { useTranslations } from "next-intl";

import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { Settings } from "@/lib/schemas/settings";
import { updateSettings } from "@/server/actions/update-settings";

// The form is on the page from the first load: zod arrives with the first validation, not with the page.
const loadSchema = () => import("@/lib/schemas/settings").then((module) => module.settingsSchema);

export function SettingsForm({ initial, canEdit }: { initial: Settings; canEdit: boolean }) {
  const t = useTranslations("settings");
  const settingsForm = useActionForm({
    schema: loadSchema,
    defaultValues: initial,
    action: updateSettings,
    successToast: () => t("saved"),
    refresh: true,
    onSuccess: (saved, form) => form.reset(saved),
    unexpected: t("unexpected"),
    disabled: !canEdit,
  });
  const { register } = settingsForm.form;

  return (
    <ActionForm
      actionForm={settingsForm}
      footer={
        canEdit ? (
          <Button type="submit" pending={settingsForm.pending}>
            {t("save")}
          </Button>
        ) : null
      }
    >
      {!canEdit ? (
        <p className="rounded-md border bg-muted px-3 py-2 text-sm text-muted-foreground">
          {t("viewerNotice")}
        </p>
      ) : null}
      <TextField
        {...register("organizationName")}
        id="organizationName"
        label={t("organizationName")}
        description={t("organizationNameHelp")}
      />
      <TextField
        {...register("activityRetentionDays")}
        id="activityRetentionDays"
        label={t("retentionDays")}
        description={t("retentionHelp")}
        required
        type="number"
        inputMode="numeric"
        min={7}
        max={3650}
        className="max-w-40"
      />
    </ActionForm>
  );
}
