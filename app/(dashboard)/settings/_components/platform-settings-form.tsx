"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast, toastWarning } from "@/components/ui/toaster";
import { applyActionError, lazyResolver } from "@/lib/forms";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { PlatformSettingsView } from "@/lib/platform/contract";
import type { PlatformSettingsInput, PlatformSettingsValues } from "@/lib/schemas/platform";
import { savePlatformSettings } from "@/server/actions/platform";

const resolver = lazyResolver(async () => {
  const [{ zodResolver }, { platformSettingsSchema }] = await Promise.all([
    import("@hookform/resolvers/zod"),
    import("@/lib/schemas/platform"),
  ]);
  return zodResolver(platformSettingsSchema);
});

const SECRET_INPUT = {
  type: "password",
  autoComplete: "off",
  autoCapitalize: "off",
  autoCorrect: "off",
  spellCheck: false,
  className: "font-mono",
} as const;

function Address({
  label,
  help,
  value,
  copyLabel,
}: {
  label: string;
  help: string;
  value: string;
  copyLabel: string;
}) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">{label}</p>
      <div className="flex items-center gap-1">
        <code className="break-all rounded bg-muted px-2 py-1 text-xs">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <p className="text-sm text-muted-foreground">{help}</p>
    </div>
  );
}

/**
 * The third-party platform settings (admins only): the AppID in clear, the AppSecret, message token and
 * EncodingAESKey write-only (the page says whether each is set), the addresses to enter in WeChat's console,
 * and when WeChat last pushed a ticket.
 */
export function PlatformSettingsForm({ initial }: { initial: PlatformSettingsView }) {
  const t = useTranslations("platform.settings");
  const format = useFormatter();
  const message = useValidationMessage();
  const [view, setView] = useState(initial);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PlatformSettingsInput, unknown, PlatformSettingsValues>({
    resolver,
    defaultValues: {
      componentAppid: view.componentAppid ?? "",
      secret: "",
      messageToken: "",
      encodingAesKey: "",
    },
    mode: "onChange",
  });
  const { errors } = form.formState;

  const save = useMutation({
    mutationFn: savePlatformSettings,
    onSuccess: (result) => {
      if (!result.ok) {
        setFormError(applyActionError(form.setError, result.error));
        return;
      }
      setFormError(null);
      toastWarning(result);
      setView(result.data);
      form.reset({
        componentAppid: result.data.componentAppid ?? "",
        secret: "",
        messageToken: "",
        encodingAesKey: "",
      });
      toast.success(t("saved"));
    },
  });

  const stateOf = (set: boolean) => (set ? t("set") : t("notSet"));

  return (
    <section
      aria-labelledby="platform-settings"
      className="space-y-6 border-t pt-6"
      data-testid="platform-settings"
    >
      <div className="space-y-1">
        <h2 id="platform-settings" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </div>

      <dl className="grid gap-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
        {(
          [
            ["secret", view.secretSet],
            ["messageToken", view.messageTokenSet],
            ["encodingAesKey", view.encodingAesKeySet],
          ] as const
        ).map(([name, set]) => (
          <div key={name} className="contents">
            <dt className="text-muted-foreground">{t(name)}</dt>
            <dd data-testid={`platform-${name}-state`}>{set ? t("stateSet") : t("stateNotSet")}</dd>
          </div>
        ))}
        <dt className="text-muted-foreground">{t("ticket")}</dt>
        <dd data-testid="platform-ticket">
          {view.ticketReceivedAt ? (
            <time dateTime={view.ticketReceivedAt}>
              {t("ticketAt", {
                time: format.dateTime(new Date(view.ticketReceivedAt), {
                  dateStyle: "medium",
                  timeStyle: "short",
                }),
              })}
            </time>
          ) : (
            t("noTicket")
          )}
        </dd>
      </dl>

      <Address
        label={t("eventUrl")}
        help={t("eventUrlHelp")}
        value={view.eventUrl}
        copyLabel={t("copyEventUrl")}
      />
      <Address
        label={t("returnUrl")}
        help={t("returnUrlHelp")}
        value={view.returnUrl}
        copyLabel={t("copyReturnUrl")}
      />

      <form
        onSubmit={(event) => void form.handleSubmit((values) => save.mutate(values))(event)}
        noValidate
        className="space-y-6"
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
          id="platform-componentAppid"
          label={t("componentAppid")}
          description={t("componentAppidHelp")}
          error={message(errors.componentAppid?.message)}
          required
        >
          <Input {...form.register("componentAppid")} autoComplete="off" className="font-mono" />
        </FormField>
        <FormField
          id="platform-secret"
          label={t("secret")}
          description={`${stateOf(view.secretSet)} ${t("secretHelp")}`}
          error={message(errors.secret?.message)}
          required={!view.secretSet}
        >
          <Input {...form.register("secret")} {...SECRET_INPUT} />
        </FormField>
        <FormField
          id="platform-messageToken"
          label={t("messageToken")}
          description={`${stateOf(view.messageTokenSet)} ${t("messageTokenHelp")}`}
          error={message(errors.messageToken?.message)}
          required={!view.messageTokenSet}
        >
          <Input {...form.register("messageToken")} {...SECRET_INPUT} />
        </FormField>
        <FormField
          id="platform-encodingAesKey"
          label={t("encodingAesKey")}
          description={`${stateOf(view.encodingAesKeySet)} ${t("encodingAesKeyHelp")}`}
          error={message(errors.encodingAesKey?.message)}
          required={!view.encodingAesKeySet}
        >
          <Input {...form.register("encodingAesKey")} {...SECRET_INPUT} />
        </FormField>
        <Button type="submit" pending={save.isPending}>
          {t("save")}
        </Button>
      </form>
    </section>
  );
}
