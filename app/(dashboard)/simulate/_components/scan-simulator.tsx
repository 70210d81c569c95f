"use client";

import { Play } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ChangeEvent, Suspense, lazy, useEffect, useRef, useState } from "react";
import { useFormState } from "react-hook-form";

import { ActionForm } from "@/components/forms/action-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { useControlProps } from "@/components/forms/use-control-props";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { RadioCardGroup } from "@/components/ui/radio-card-group";
import { Textarea } from "@/components/ui/textarea";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import { SCAN_ROLES, type ScanRole } from "@/lib/scan/roles";
import type { SimulateScanFormInput } from "@/lib/schemas/scan";
import { simulateScan } from "@/server/actions/scan";

import type { SimulatorAnswer } from "./scan-results";
import { urlsOfFile } from "./urls-of-file";

// The answer's view, and zod with the form's schema, arrive when first needed, not with the page.
const ScanResults = lazy(() => import("./scan-results").then((module) => ({ default: module.ScanResults })));
const loadSchema = () => import("@/lib/schemas/scan").then((module) => module.simulateScanForm);

/**
 * The scan simulator: URLs typed, pasted or taken from a file, and who scans them; the answer for each,
 * from the rules of every account the operator may see. Opened with `?url=` (from a rule's menu), it
 * answers at once.
 */
export function ScanSimulator({
  initialUrls,
  initialRole,
}: {
  initialUrls: string[];
  initialRole: ScanRole;
}) {
  const t = useTranslations("scan");
  const message = useValidationMessage();
  const [answer, setAnswer] = useState<SimulatorAnswer | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const simulator = useActionForm({
    schema: loadSchema,
    defaultValues: { text: initialUrls.join("\n"), role: initialRole } satisfies SimulateScanFormInput,
    action: simulateScan,
    onSuccess: (data, form) => setAnswer({ ...data, role: form.getValues("role") }),
    unexpected: t("unexpected"),
  });
  const { form, pending, submit } = simulator;
  const { errors } = useFormState({ control: form.control, name: "text" });

  // Opened from a rule's menu with the URLs in the address: answer without a click.
  const ran = useRef(false);
  useEffect(() => {
    if (ran.current || initialUrls.length === 0) return;
    ran.current = true;
    void form.handleSubmit(submit)();
  }, [form, initialUrls.length, submit]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const found = await urlsOfFile(file);
    if (found.urls.length === 0) {
      setFileNote(t("file.none", { name: file.name }));
      return;
    }
    setFileNote(
      found.column
        ? t("file.column", { name: file.name, column: found.column, count: found.urls.length })
        : t("file.lines", { name: file.name, count: found.urls.length }),
    );
    form.setValue("text", found.urls.join("\n"), { shouldValidate: true, shouldDirty: true });
  }

  return (
    <div className="space-y-8">
      <ActionForm
        actionForm={simulator}
        testId="scan-simulator"
        footer={
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={pending}>
              <Play aria-hidden />
              {pending ? t("running") : t("run")}
            </Button>
          </div>
        }
      >
        <FormField
          id="scan-urls"
          label={t("urls.label")}
          description={t("urls.help")}
          error={message(errors.text?.message)}
          required
        >
          <Textarea
            {...form.register("text")}
            rows={5}
            className="font-mono"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="https://example.com/promo/item?id=1"
          />
        </FormField>
        <div className="space-y-1">
          <label htmlFor="scan-file" className="text-sm font-medium">
            {t("file.label")}
          </label>
          <input
            id="scan-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="scan-file-help"
            onChange={(event) => void onFile(event)}
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm"
          />
          <p id="scan-file-help" className="text-xs text-muted-foreground" aria-live="polite">
            {fileNote ?? t("file.help")}
          </p>
        </div>
        <ScanRoleField />
      </ActionForm>
      {/* While a new run is on its way, the previous answer is not left to be read as this one's. */}
      {answer && !pending ? (
        <Suspense fallback={null}>
          <ScanResults answer={answer} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** Who scans, as radio cards (inside the form, whose context holds the field). */
function ScanRoleField() {
  const t = useTranslations("scan");
  const role = useControlProps<SimulateScanFormInput, "role">({ name: "role" });
  return (
    <RadioCardGroup<ScanRole>
      {...role}
      legend={t("role.label")}
      description={t("role.help")}
      columns={2}
      options={SCAN_ROLES.map((value) => ({
        value,
        label: t(`role.${value}`),
        help: t(`role.${value}Help`),
      }))}
    />
  );
}
