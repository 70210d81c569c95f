"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { lazyResolver } from "@/lib/forms";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { SignInInput } from "@/lib/schemas/auth";

const resolver = lazyResolver(async () => {
  const [{ zodResolver }, { signInSchema }] = await Promise.all([
    import("@hookform/resolvers/zod"),
    import("@/lib/schemas/auth"),
  ]);
  return zodResolver(signInSchema);
});

export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const t = useTranslations("auth");
  const message = useValidationMessage();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInInput>({
    resolver,
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const emailError = message(errors.email?.message);
  const passwordError = message(errors.password?.message);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await signIn("credentials", { ...values, redirect: false });
      if (result.ok && !result.error) {
        // A full navigation, so every server component renders with the new session.
        window.location.assign(callbackPath);
        return;
      }
      setFormError(result.code === "locked" ? t("locked") : t("invalid"));
    } catch {
      setFormError(t("unavailable"));
    }
    form.resetField("password");
  });

  return (
    // method="post": a submit before hydration must never put the password in the URL.
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
      <FormField id="email" label={t("email")} error={emailError} required>
        <Input {...form.register("email")} type="email" autoComplete="username" autoFocus />
      </FormField>
      <FormField id="password" label={t("password")} error={passwordError} required>
        <Input {...form.register("password")} type="password" autoComplete="current-password" />
      </FormField>
      <Button type="submit" className="w-full" pending={isSubmitting}>
        {t("submit")}
      </Button>
    </form>
  );
}
