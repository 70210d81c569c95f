"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Controller, useForm, useFormState, useWatch } from "react-hook-form";

import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { MirroredRule } from "@/lib/rules/contract";
import { type TypeBRuleFormInput, type TypeBRuleValues, typeBRuleSchema } from "@/lib/schemas/rules";
import { TYPE_B_PREFIX } from "@/lib/wechat/match";
import { retakeTypeBRule, saveTypeBRule } from "@/server/actions/rules";

import { RuleFormAlert } from "./rule-form-alert";
import { RuleFormFooter, invalidFields } from "./rule-form-footer";
import { useRuleSave } from "./rule-form-save";
import type { RuleFormProps } from "./type-a-form";

const FIELD_ORDER = ["prefix", "appid", "path"] as const;

function defaults(rule: MirroredRule | undefined, onlyTarget: string | undefined): TypeBRuleFormInput {
  return {
    prefix: rule?.prefix ?? TYPE_B_PREFIX,
    appid: rule?.targetAppid ?? onlyTarget ?? "",
    path: rule?.path ?? "",
  };
}

/** A type-B rule: scanning a parametric QR code of this Service Account opens a linked Mini Program. */
export function TypeBForm({ account, mode, rule, onSaved, onCancel }: RuleFormProps) {
  const t = useTranslations("ruleForm");
  const message = useValidationMessage();
  const linked = account.linkedMiniPrograms;
  const form = useForm<TypeBRuleFormInput, unknown, TypeBRuleValues>({
    resolver: zodResolver(typeBRuleSchema),
    defaultValues: defaults(rule, linked.length === 1 ? linked[0]?.appid : undefined),
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

  const prefixLocked = mode !== "add";
  // A rule may open a Mini Program that has been unlinked since; keep it choosable so the form shows it.
  const options =
    rule && !linked.some((program) => program.appid === rule.targetAppid)
      ? [...linked, { appid: rule.targetAppid, name: null }]
      : linked;

  const fieldLabel = (path: string) =>
    path === "appid" ? t("appid.label") : path === "path" ? t("path.label") : t("prefix.label");
  const problems = invalidFields(typeBRuleSchema, values, FIELD_ORDER).map(fieldLabel);

  function submit(input: TypeBRuleValues) {
    if (mode !== "retake") {
      mutation.mutate(() => saveTypeBRule({ ...input, accountId: account.id, mode }));
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
        await mutation.mutateAsync(() => retakeTypeBRule({ ...input, accountId: account.id }));
      },
    });
  }

  return (
    <>
      <form
        onSubmit={(event) => void form.handleSubmit(submit)(event)}
        noValidate
        className="space-y-6"
        data-testid="type-b-rule-form"
      >
        <FormField
          id="rule-prefix"
          label={t("prefix.label")}
          description={prefixLocked ? t("prefix.readOnly") : t("prefix.helpB")}
          error={message(errors.prefix?.message)}
          required
        >
          <Input
            {...form.register("prefix")}
            readOnly={prefixLocked}
            type="text"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={`${TYPE_B_PREFIX}…`}
            className="font-mono"
          />
        </FormField>

        <FormField
          id="rule-appid"
          label={t("appid.label")}
          description={options.length === 0 ? t("appid.none") : t("appid.help")}
          error={message(errors.appid?.message)}
          required
        >
          {(a11y) => (
            <Controller
              control={form.control}
              name="appid"
              render={({ field }) => (
                <Select
                  name={field.name}
                  value={field.value}
                  onValueChange={field.onChange}
                  disabled={options.length === 0}
                >
                  <SelectTrigger {...a11y} ref={field.ref} onBlur={field.onBlur}>
                    <SelectValue placeholder={t("appid.placeholder")}>
                      <SelectedProgram programs={options} appid={field.value} />
                    </SelectValue>
                  </SelectTrigger>
                  <SelectContent>
                    {options.map((program) => (
                      <SelectItem key={program.appid} value={program.appid}>
                        {program.name ?? t("appid.unnamed")}
                        <span className="ml-2 font-mono text-xs text-muted-foreground">{program.appid}</span>
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          )}
        </FormField>

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

/** The chosen Mini Program as the picker shows it, the same as its item in the list. */
function SelectedProgram({
  programs,
  appid,
}: {
  programs: { appid: string; name: string | null }[];
  appid: string;
}) {
  const t = useTranslations("ruleForm");
  const program = programs.find((candidate) => candidate.appid === appid);
  if (!program) return appid;
  return (
    <>
      {program.name ?? t("appid.unnamed")}
      <span className="ml-2 font-mono text-xs text-muted-foreground">{program.appid}</span>
    </>
  );
}
