"use client";

import { CircleCheck, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";

import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { setPasswordSchema } from "@/lib/schemas/operators";
import { setPasswordWithToken } from "@/server/actions/operators";

export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("setPassword");
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const setPassword = useActionForm({
    schema: setPasswordSchema,
    defaultValues: { token, password: "", confirm: "" },
    action: setPasswordWithToken,
    onSuccess: ({ email }) => setDoneFor(email),
    unexpected: t("unexpected"),
    hidden: ["token"],
  });
  const { form, failure } = setPassword;

  if (doneFor !== null) {
    return (
      <Notice tone="success" title={t("doneTitle")} testId="set-password-done">
        {t("done", { email: doneFor })}
      </Notice>
    );
  }
  // A link that was never issued, was used, or has expired: no form, only why.
  const invalid = !token ? t("missingToken") : failure?.code === "NOT_FOUND" ? failure.message : null;
  if (invalid) {
    return (
      <Notice tone="error" title={t("invalidTitle")} testId="set-password-invalid">
        {invalid}
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
    <ActionForm
      actionForm={setPassword}
      method="post"
      className="space-y-4"
      aria-label={t("title")}
      footer={
        <Button type="submit" className="w-full" pending={setPassword.pending}>
          {t("submit")}
        </Button>
      }
    >
      <TextField
        {...password}
        id="new-password"
        label={t("password")}
        description={t("passwordHelp")}
        required
        type="password"
        autoComplete="new-password"
        autoFocus
      />
      <TextField
        {...form.register("confirm")}
        id="confirm-password"
        label={t("confirm")}
        required
        type="password"
        autoComplete="new-password"
      />
    </ActionForm>
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
