// What the type-A and type-B rule forms share: saving (and the retake confirmation), the frame, the prefix
// and page path fields. Each form adds only its own fields.
"use client";

import { useTranslations } from "next-intl";
import { type ChangeEvent, type ReactNode, useEffect } from "react";
import {
  type DeepPartial,
  type DefaultValues,
  type FieldValues,
  useFormContext,
  useWatch,
} from "react-hook-form";
import type { z } from "zod";

import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/text-field";
import { type ActionForm as ActionFormState, useActionForm } from "@/components/forms/use-action-form";
import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/action-result";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";

import { RuleFormFooter, invalidFields } from "./rule-form-footer";

/** add: a new rule; edit: an unpublished rule; retake: a published rule, deleted and added again. */
export type RuleFormMode = "add" | "edit" | "retake";

export interface RuleFormProps {
  account: AccountView;
  mode: RuleFormMode;
  /** The rule being edited or retaken; absent when adding. */
  rule?: MirroredRule;
  onSaved: (rule: MirroredRule) => void;
  onCancel: () => void;
}

type RuleSaveResult = ActionResult<{ rule: MirroredRule }>;

/** The fields of either rule kind, in the order the "problems to fix" line names them. */
type RuleField = "prefix" | "path" | "permitSubRule" | "openVersion" | "debugUrls" | "appid";

const TOAST = { add: "added", edit: "edited", retake: "retaken" } as const;

export interface RuleFormState<TInput extends FieldValues, TValues> extends ActionFormState<TInput, TValues> {
  mode: RuleFormMode;
  /** The values as typed, valid or not. */
  values: DeepPartial<TInput>;
  /** Labels of the fields still to fix. */
  problems: string[];
  /** A valid submit: saves, or for a retake asks the operator to type the prefix first. */
  onValid: (values: TValues) => void;
  /** The retake confirmation, rendered outside the form. */
  dialog: ReactNode;
}

/**
 * A rule form's state: the form over `schema`, saving through `save` (add, edit) or `retake` (after the
 * operator typed the prefix), the account's rule queries refetched and a toast on success, and the fields
 * still to fix, for the footer.
 */
export function useRuleForm<TInput extends FieldValues, TValues extends { prefix: string }>(
  { account, mode, rule, onSaved }: RuleFormProps,
  {
    schema,
    defaultValues,
    fieldOrder,
    save,
    retake,
  }: {
    schema: z.ZodType<TValues, TInput>;
    defaultValues: DefaultValues<TInput>;
    fieldOrder: readonly RuleField[];
    save: (input: TValues & { accountId: string; mode: "add" | "edit" }) => Promise<RuleSaveResult>;
    retake: (input: TValues & { accountId: string }) => Promise<RuleSaveResult>;
  },
): RuleFormState<TInput, TValues> {
  const t = useTranslations("ruleForm");
  const { confirm, dialog } = useConfirmDialog();
  const ruleForm = useActionForm({
    schema,
    defaultValues,
    action: (values: TValues) =>
      mode === "retake"
        ? retake({ ...values, accountId: account.id })
        : save({ ...values, accountId: account.id, mode }),
    invalidate: () => [ruleKeys.account(account.id)],
    successToast: () => t(`toast.${TOAST[mode]}`),
    onSuccess: (data) => onSaved(data.rule),
    unexpected: t("unexpected"),
  });
  const { form, submit, submitAsync } = ruleForm;

  // A stored rule may not meet today's checks (older rules, edits in the WeChat console): show that at once.
  const editing = rule !== undefined;
  useEffect(() => {
    if (editing) void form.trigger();
  }, [editing, form]);

  const values = useWatch({ control: form.control });
  const label = (path: string) => {
    const [field, index] = path.split(".");
    if (field === "debugUrls" && index !== undefined) return t("debugUrls.item", { n: Number(index) + 1 });
    return t(`${fieldOrder.find((name) => name === field) ?? "prefix"}.label`);
  };
  const problems = invalidFields(schema, values, fieldOrder).map(label);

  function onValid(input: TValues) {
    if (mode !== "retake") {
      submit(input);
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
      onConfirm: () => submitAsync(input),
    });
  }

  return { ...ruleForm, mode, values, problems, onValid, dialog };
}

/** The form, its failure and footer, and the retake confirmation beside it. */
export function RuleFormFrame<TInput extends FieldValues, TValues>({
  ruleForm,
  onCancel,
  testId,
  children,
}: {
  ruleForm: RuleFormState<TInput, TValues>;
  onCancel: () => void;
  testId: string;
  children: ReactNode;
}) {
  const t = useTranslations("ruleForm");
  const { mode } = ruleForm;
  return (
    <>
      <ActionForm
        actionForm={ruleForm}
        onValid={ruleForm.onValid}
        testId={testId}
        footer={
          <RuleFormFooter
            problems={ruleForm.problems}
            submitLabel={t(`submit.${mode}`)}
            pending={ruleForm.pending}
            destructive={mode === "retake"}
            onCancel={onCancel}
          />
        }
      >
        {children}
      </ActionForm>
      {/* Outside the form: the confirmation's own submit must not bubble into this one. */}
      {ruleForm.dialog}
    </>
  );
}

/** Text input props for URLs and paths: typed exactly, never "corrected". */
const VERBATIM = { autoComplete: "off", autoCapitalize: "off", spellCheck: false, className: "font-mono" };

/** The rule's prefix, read-only once the rule exists (WeChat identifies a rule by it). */
export function PrefixField({
  locked,
  help,
  placeholder,
  onChange,
  hint,
}: {
  locked: boolean;
  help: string;
  placeholder: string;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  /** A note under the field (id `rule-prefix-hint`, which the input is then described by). */
  hint?: ReactNode;
}) {
  const t = useTranslations("ruleForm");
  const { register } = useFormContext<{ prefix: string }>();
  return (
    <div className="space-y-2">
      <TextField
        {...register("prefix", { onChange })}
        {...VERBATIM}
        id="rule-prefix"
        label={t("prefix.label")}
        description={locked ? t("prefix.readOnly") : help}
        required
        readOnly={locked}
        aria-describedby={hint ? "rule-prefix-hint" : undefined}
        type="text"
        inputMode="url"
        placeholder={placeholder}
      />
      {hint}
    </div>
  );
}

/** The Mini Program page the rule opens. */
export function PagePathField() {
  const t = useTranslations("ruleForm");
  const { register } = useFormContext<{ path: string }>();
  return (
    <TextField
      {...register("path")}
      {...VERBATIM}
      id="rule-path"
      label={t("path.label")}
      description={t("path.help")}
      required
      placeholder="pages/index/index"
    />
  );
}
