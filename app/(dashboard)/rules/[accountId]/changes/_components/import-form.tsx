"use client";

import { FileUp } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { type FieldError, get, useFormState } from "react-hook-form";

import { ActionForm } from "@/components/forms/action-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/changesets/contract";
import { changeSetHref, changeSetKeys } from "@/lib/changesets/queries";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { AccountView } from "@/lib/rules/contract";
import type { ImportRulesInput } from "@/lib/schemas/changesets";
import { importRules } from "@/server/actions/change-sets";

/** The file as base64, in slices (a 5 MB file as one spread would overflow the call stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** Choose a rules file and plan it: nothing is sent to WeChat until the plan is applied. */
export function ImportForm({ account }: { account: AccountView }) {
  const t = useTranslations("changeSets.import");
  const router = useRouter();
  const id = useId();
  const importForm = useActionForm({
    schema: () => import("@/lib/schemas/changesets").then((schemas) => schemas.importRulesInput),
    defaultValues: {
      accountId: account.id,
      fileName: "",
      content: "",
      deleteMissing: false,
    } satisfies ImportRulesInput,
    action: importRules,
    invalidate: () => [changeSetKeys.account(account.id)],
    onSuccess: (data) => router.push(changeSetHref(data.changeSetId)),
    unexpected: t("unexpected"),
    hidden: ["accountId", "fileName"],
  });
  const { form, pending } = importForm;
  const deleteMissing = form.watch("deleteMissing");

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>
          {t("description", {
            rows: MAX_IMPORT_ROWS.toLocaleString(),
            size: `${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
          })}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ActionForm
          actionForm={importForm}
          accountId={account.id}
          testId="import-form"
          footer={
            <Button type="submit" disabled={pending} data-testid="import-submit">
              <FileUp aria-hidden />
              {pending ? t("planning") : t("submit")}
            </Button>
          }
        >
          <FileField
            id={`${id}-file`}
            label={t("file")}
            description={t("fileHelp")}
            onFile={async (file) => {
              form.setValue("fileName", file?.name ?? "");
              form.setValue("content", file ? await base64Of(file) : "", { shouldValidate: true });
            }}
          />
          <div className="flex items-start gap-3">
            <Checkbox
              id={`${id}-delete-missing`}
              checked={deleteMissing}
              onCheckedChange={(checked) => form.setValue("deleteMissing", checked === true)}
              aria-describedby={`${id}-delete-missing-help`}
            />
            <div className="space-y-1">
              <Label htmlFor={`${id}-delete-missing`}>{t("deleteMissing")}</Label>
              <p
                id={`${id}-delete-missing-help`}
                className={deleteMissing ? "text-sm text-destructive" : "text-sm text-muted-foreground"}
              >
                {t("deleteMissingHelp")}
              </p>
            </div>
          </div>
        </ActionForm>
      </CardContent>
    </Card>
  );
}

function FileField({
  id,
  label,
  description,
  onFile,
}: {
  id: string;
  label: string;
  description: string;
  onFile: (file: File | null) => Promise<void>;
}) {
  const message = useValidationMessage();
  const { errors } = useFormState({ name: "content" });
  const error = get(errors, "content") as FieldError | undefined;
  return (
    <FormField id={id} label={label} description={description} error={message(error?.message)} required>
      <Input
        type="file"
        accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="import-file"
        onChange={(event) => void onFile(event.target.files?.[0] ?? null)}
      />
    </FormField>
  );
}
