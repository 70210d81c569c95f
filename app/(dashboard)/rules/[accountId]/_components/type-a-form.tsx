"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Controller, useForm, useFormState, useWatch } from "react-hook-form";

import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { RadioCardGroup } from "@/components/ui/radio-card-group";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { AccountView, MirroredRule, OpenVersion, PermitSubRule } from "@/lib/rules/contract";
import { type TypeARuleFormInput, type TypeARuleValues, typeARuleSchema } from "@/lib/schemas/rules";
import { checkPrefix } from "@/lib/wechat/match";
import { retakeTypeARule, saveTypeARule } from "@/server/actions/rules";

import { RuleFormAlert } from "./rule-form-alert";
import { RuleFormFooter, invalidFields } from "./rule-form-footer";
import { type RuleFormMode, useRuleSave } from "./rule-form-save";
import { TestLinksField, revalidateTestLinks } from "./test-links-field";
import { VerificationFile } from "./verification-file";

const FIELD_ORDER = ["prefix", "path", "permitSubRule", "openVersion", "debugUrls"] as const;

export interface RuleFormProps {
  account: AccountView;
  mode: RuleFormMode;
  /** The rule being edited or retaken; absent when adding. */
  rule?: MirroredRule;
  onSaved: (rule: MirroredRule) => void;
  onCancel: () => void;
}

function defaults(rule: MirroredRule | undefined): TypeARuleFormInput {
  return {
    prefix: rule?.prefix ?? "",
    permitSubRule: rule?.permitSubRule ?? 1,
    path: rule?.path ?? "",
    openVersion: rule?.openVersion ?? 1,
    debugUrls: rule ? [...rule.debugUrls] : [],
  };
}

/** A type-A rule: scanning an ordinary link's QR code opens this Mini Program. */
export function TypeAForm({ account, mode, rule, onSaved, onCancel }: RuleFormProps) {
  const t = useTranslations("ruleForm");
  const message = useValidationMessage();
  const form = useForm<TypeARuleFormInput, unknown, TypeARuleValues>({
    resolver: zodResolver(typeARuleSchema),
    defaultValues: defaults(rule),
    mode: "onChange",
  });
  const { errors } = useFormState({ control: form.control });
  const values = useWatch({ control: form.control });
  const { confirm, dialog } = useConfirmDialog();
  const { mutation, failure } = useRuleSave({
    accountId: account.id,
    mode,
    setError: form.setError,
    onSaved,
  });

  // A stored rule may not meet today's checks (older rules, edits in the WeChat console): show that at once.
  const editing = rule !== undefined;
  useEffect(() => {
    if (editing) void form.trigger();
  }, [editing, form]);

  const prefix = values.prefix ?? "";
  const prefixLocked = mode !== "add";
  const prefixCheck = checkPrefix(prefix, "A");
  const showSlashHint = prefixCheck.ok && prefixCheck.hints.includes("noTrailingSlash");

  const fieldLabel = (path: string) => {
    const [field, index] = path.split(".");
    if (field === "debugUrls")
      return index === undefined ? t("debugUrls.label") : t("debugUrls.item", { n: Number(index) + 1 });
    if (field === "path") return t("path.label");
    if (field === "permitSubRule") return t("permitSubRule.label");
    if (field === "openVersion") return t("openVersion.label");
    return t("prefix.label");
  };
  const problems = invalidFields(typeARuleSchema, values, FIELD_ORDER).map(fieldLabel);

  function submit(input: TypeARuleValues) {
    if (mode !== "retake") {
      mutation.mutate(() => saveTypeARule({ ...input, accountId: account.id, mode }));
      return;
    }
    confirm({
      title: t("published.confirmTitle"),
      description: t("published.confirmDescription", { prefix: input.prefix }),
      typeToConfirm: input.prefix,
      typeToConfirmLabel: t("published.confirmLabel"),
      confirmLabel: t("published.confirmButton"),
      cancelLabel: t("cancel"),
      destructive: true,
      unexpectedErrorMessage: t("unexpected"),
      callsWeChat: true,
      onConfirm: async () => {
        await mutation.mutateAsync(() => retakeTypeARule({ ...input, accountId: account.id }));
      },
    });
  }

  const prefixField = form.register("prefix", { onChange: () => revalidateTestLinks(form) });

  return (
    <>
      <form
        onSubmit={(event) => void form.handleSubmit(submit)(event)}
        noValidate
        className="space-y-6"
        data-testid="type-a-rule-form"
      >
        <div className="space-y-2">
          <FormField
            id="rule-prefix"
            label={t("prefix.label")}
            description={prefixLocked ? t("prefix.readOnly") : t("prefix.helpA")}
            error={message(errors.prefix?.message)}
            required
          >
            <Input
              {...prefixField}
              readOnly={prefixLocked}
              aria-describedby={showSlashHint ? "rule-prefix-hint" : undefined}
              type="text"
              inputMode="url"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              placeholder="https://example.com/promo/"
              className="font-mono"
            />
          </FormField>
          {showSlashHint ? (
            <p
              id="rule-prefix-hint"
              data-testid="rule-prefix-hint"
              className="flex gap-2 rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-xs text-foreground"
            >
              <Info aria-hidden className="mt-0.5 size-3.5 shrink-0 text-warning" />
              <span className="min-w-0 break-words">
                {t("prefix.noTrailingSlash", { example: `${prefix}/1` })}
              </span>
            </p>
          ) : null}
        </div>

        <FormField
          id="rule-path"
          label={t("path.label")}
          description={t("path.help")}
          error={message(errors.path?.message)}
          required
        >
          <Input
            {...form.register("path")}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="pages/index/index"
            className="font-mono"
          />
        </FormField>

        <Controller
          control={form.control}
          name="permitSubRule"
          render={({ field }) => (
            <RadioCardGroup<PermitSubRule>
              name={field.name}
              legend={t("permitSubRule.label")}
              description={t("permitSubRule.help")}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={message(errors.permitSubRule?.message)}
              options={[
                { value: 1, label: t("permitSubRule.no"), help: t("permitSubRule.noHelp") },
                { value: 2, label: t("permitSubRule.yes"), help: t("permitSubRule.yesHelp") },
              ]}
            />
          )}
        />

        <Controller
          control={form.control}
          name="openVersion"
          render={({ field }) => (
            <RadioCardGroup<OpenVersion>
              name={field.name}
              legend={t("openVersion.label")}
              description={t("openVersion.help")}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={message(errors.openVersion?.message)}
              options={[
                { value: 1, label: t("openVersion.develop"), help: t("openVersion.developHelp") },
                { value: 2, label: t("openVersion.trial"), help: t("openVersion.trialHelp") },
                { value: 3, label: t("openVersion.release"), help: t("openVersion.releaseHelp") },
              ]}
            />
          )}
        />

        <TestLinksField form={form} />

        <VerificationFile accountId={account.id} prefix={prefix} />

        {failure ? <RuleFormAlert failure={failure} /> : null}

        <RuleFormFooter
          problems={problems}
          submitLabel={t(`submit.${mode}`)}
          pending={mutation.isPending}
          destructive={mode === "retake"}
          onCancel={onCancel}
        />
      </form>
      {/* Outside the form: the confirmation's own submit must not bubble into this one. */}
      {dialog}
    </>
  );
}
