"use client";

import { useTranslations } from "next-intl";
import { Controller, useFormState } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import type { MirroredRule } from "@/lib/rules/contract";
import { type TypeBRuleFormInput, typeBRuleSchema } from "@/lib/schemas/rules";
import { TYPE_B_PREFIX } from "@/lib/wechat/match";
import { saveTypeBRule } from "@/server/actions/rules";

import { PagePathField, PrefixField, type RuleFormProps, RuleFormFrame, useRuleForm } from "./rule-form-base";

function defaults(rule: MirroredRule | undefined, onlyTarget: string | undefined): TypeBRuleFormInput {
  return {
    prefix: rule?.prefix ?? TYPE_B_PREFIX,
    appid: rule?.targetAppid ?? onlyTarget ?? "",
    path: rule?.path ?? "",
  };
}

/** A type-B rule: scanning a parametric QR code of this Service Account opens a linked Mini Program. */
export function TypeBForm(props: RuleFormProps) {
  const { account, rule } = props;
  const t = useTranslations("ruleForm");
  const message = useValidationMessage();
  const linked = account.linkedMiniPrograms;
  const ruleForm = useRuleForm(props, {
    schema: typeBRuleSchema,
    defaultValues: defaults(rule, linked.length === 1 ? linked[0]?.appid : undefined),
    fieldOrder: ["prefix", "appid", "path"],
    // An edit may change the Mini Program: the server finds the rule by the one it opened before.
    save: (input) => saveTypeBRule(rule ? { ...input, fromAppid: rule.targetAppid } : input),
    edited: (values) => ({ kind: "B", path: values.path, appid: values.appid }),
  });
  const { form } = ruleForm;
  const { errors } = useFormState({ control: form.control, name: "appid" });

  // A rule may open a Mini Program that has been unlinked since; keep it choosable so the form shows it.
  const options =
    rule && !linked.some((program) => program.appid === rule.targetAppid)
      ? [...linked, { appid: rule.targetAppid, name: null }]
      : linked;

  return (
    <RuleFormFrame ruleForm={ruleForm} onCancel={props.onCancel} testId="type-b-rule-form">
      <PrefixField
        account={account}
        editing={rule?.prefix}
        locked={props.mode !== "add"}
        help={t("prefix.helpB")}
        term="serviceAccountQr"
        placeholder={`${TYPE_B_PREFIX}…`}
      />

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

      <PagePathField />
    </RuleFormFrame>
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
