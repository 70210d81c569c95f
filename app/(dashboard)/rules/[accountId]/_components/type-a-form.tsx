"use client";

import { Info } from "lucide-react";
import { useTranslations } from "next-intl";

import { useControlProps } from "@/components/forms/use-control-props";
import { TermHelp } from "@/components/help/term-help";
import { RadioCardGroup } from "@/components/ui/radio-card-group";
import type { MirroredRule, OpenVersion, PermitSubRule } from "@/lib/rules/contract";
import { type TypeARuleFormInput, typeARuleSchema } from "@/lib/schemas/rules";
import { checkPrefix } from "@/lib/wechat/match";
import { saveTypeARule } from "@/server/actions/rules";

import { PagePathField, PrefixField, type RuleFormProps, RuleFormFrame, useRuleForm } from "./rule-form-base";
import { TestLinksField, revalidateTestLinks } from "./test-links-field";
import { VerificationFile } from "./verification-file";

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
export function TypeAForm(props: RuleFormProps) {
  const t = useTranslations("ruleForm");
  const ruleForm = useRuleForm(props, {
    schema: typeARuleSchema,
    defaultValues: defaults(props.rule),
    fieldOrder: ["prefix", "path", "permitSubRule", "openVersion", "debugUrls"],
    save: saveTypeARule,
    edited: (values) => ({ kind: "A", path: values.path }),
  });
  const { form, values } = ruleForm;
  const permitSubRule = useControlProps({ control: form.control, name: "permitSubRule" });
  const openVersion = useControlProps({ control: form.control, name: "openVersion" });

  const prefix = values.prefix ?? "";
  const prefixCheck = checkPrefix(prefix, "A");
  const showSlashHint = prefixCheck.ok && prefixCheck.hints.includes("noTrailingSlash");

  return (
    <RuleFormFrame ruleForm={ruleForm} onCancel={props.onCancel} testId="type-a-rule-form">
      <PrefixField
        account={props.account}
        editing={props.rule?.prefix}
        locked={props.mode !== "add"}
        help={t("prefix.helpA")}
        term="prefix"
        placeholder="https://example.com/promo/"
        onChange={() => revalidateTestLinks(form)}
        hint={
          showSlashHint ? (
            <p
              data-testid="rule-prefix-hint"
              className="flex gap-2 rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-xs text-foreground"
            >
              <Info aria-hidden className="mt-0.5 size-3.5 shrink-0 text-warning" />
              <span className="min-w-0 break-words">
                {t("prefix.noTrailingSlash", { example: `${prefix}/1` })}
              </span>
            </p>
          ) : null
        }
      />

      <PagePathField />

      <RadioCardGroup<PermitSubRule>
        {...permitSubRule}
        legend={t("permitSubRule.label")}
        help={<TermHelp term="occupySubRules" />}
        description={t("permitSubRule.help")}
        options={[
          { value: 1, label: t("permitSubRule.no"), help: t("permitSubRule.noHelp") },
          { value: 2, label: t("permitSubRule.yes"), help: t("permitSubRule.yesHelp") },
        ]}
      />

      <RadioCardGroup<OpenVersion>
        {...openVersion}
        legend={t("openVersion.label")}
        help={<TermHelp term="testScope" />}
        description={t("openVersion.help")}
        options={[
          { value: 1, label: t("openVersion.develop"), help: t("openVersion.developHelp") },
          { value: 2, label: t("openVersion.trial"), help: t("openVersion.trialHelp") },
          { value: 3, label: t("openVersion.release"), help: t("openVersion.releaseHelp") },
        ]}
      />

      <TestLinksField form={form} />

      <VerificationFile
        accountId={props.account.id}
        prefix={prefix}
        onUsePrefix={
          props.mode === "add"
            ? (directory) => {
                form.setValue("prefix", directory, { shouldValidate: true, shouldDirty: true });
                revalidateTestLinks(form);
              }
            : undefined
        }
      />
    </RuleFormFrame>
  );
}
