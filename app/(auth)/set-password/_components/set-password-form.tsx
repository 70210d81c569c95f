"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CircleCheck, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyActionError } from "@/lib/forms";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import { type SetPasswordInput, type SetPasswordValues, setPasswordSchema } from "@/lib/schemas/operators";
import { setPasswordWithToken } from "@/server/actions/operators";

type Outcome = { kind: "done"; email: string } | { kind: "invalid"; message: string };

export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("setPassword");
  const message = useValidationMessage();
  const [outcome, setOutcome] = useState<Outcome | null>(
    token ? null : { kind: "invalid", message: t("missingToken") },
  );
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SetPasswordInput, unknown, SetPasswordValues>({
    resolver: zodResolver(setPasswordSchema),
    defaultValues: { token, password: "", confirm: "" },
    mode: "onChange",
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await setPasswordWithToken(values);
      if (result.ok) {
        setOutcome({ kind: "done", email: result.data.email });
        return;
      }
      if (result.error.code === "NOT_FOUND") {
        setOutcome({ kind: "invalid", message: result.error.message });
        return;
      }
      setFormError(applyActionError(form.setError, result.error));
    } catch {
      setFormError(t("unexpected"));
    }
  });

  if (outcome?.kind === "done") {
    return (
      <Notice tone="success" title={t("doneTitle")} testId="set-password-done">
        {t("done", { email: outcome.email })}
      </Notice>
    );
  }
  if (outcome?.kind === "invalid") {
    return (
      <Notice tone="error" title={t("invalidTitle")} testId="set-password-invalid">
        {outcome.message}
      </Notice>
    );
  }

  // The confirmation is checked against the password: re-check it when the password changes after it.
  const password = form.register("password", {
    onChange: () => {
      if (form.getValues("confirm")) void form.trigger("confirm");
    },
  });

  return (
    <form
      method="post"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="space-y-4"
      aria-label={t("title")}
    >
      {formError ? (
        <div
          role="alert"
          className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {formError}
        </div>
      ) : null}
      <FormField
        id="new-password"
        label={t("password")}
        description={t("passwordHelp")}
        error={message(errors.password?.message ?? errors.token?.message)}
        required
      >
        <Input {...password} type="password" autoComplete="new-password" autoFocus />
      </FormField>
      <FormField id="confirm-password" label={t("confirm")} error={message(errors.confirm?.message)} required>
        <Input {...form.register("confirm")} type="password" autoComplete="new-password" />
      </FormField>
      <Button type="submit" className="w-full" pending={isSubmitting}>
        {t("submit")}
      </Button>
    </form>
  );
}

function Notice({
  tone,
  title,
  testId,
  children,
}: {
  tone: "success" | "error";
  title: string;
  testId: string;
  children: ReactNode;
}) {
  const t = useTranslations("setPassword");
  const Icon = tone === "success" ? CircleCheck : TriangleAlert;
  return (
    <div className="space-y-4" data-testid={testId}>
      <div
        role={tone === "success" ? "status" : "alert"}
        className={
          tone === "success"
            ? "flex gap-3 rounded-md border border-success/40 bg-success/10 px-3 py-3 text-sm"
            : "flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 px-3 py-3 text-sm"
        }
      >
        <Icon
          aria-hidden
          className={
            tone === "success"
              ? "mt-0.5 size-4 shrink-0 text-success"
              : "mt-0.5 size-4 shrink-0 text-destructive"
          }
        />
        <div className="space-y-1">
          <p className="font-medium">{title}</p>
          <p>{children}</p>
        </div>
      </div>
      <Button asChild className="w-full">
        <Link href="/login">{t("signIn")}</Link>
      </Button>
    </div>
  );
}
