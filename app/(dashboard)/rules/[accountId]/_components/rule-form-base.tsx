// What the type-A and type-B rule forms share: saving (and the replace confirmation), the frame, the prefix
// and page path fields. Each form adds only its own fields.
"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ChangeEvent, type ReactNode, useEffect, useRef } from "react";
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
import { TermHelp } from "@/components/help/term-help";
import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/action-result";
import type { AccountView, MirroredRule, RuleSummary } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { type EditedValues, planEdit } from "@/lib/rules/replace-plan";

import { PREFIX_NOTES_ID, PrefixNotes } from "./prefix-notes";
import { ReplaceConfirmation } from "./replace-confirmation";
import { RuleFormFooter, invalidFields } from "./rule-form-footer";

/** add: a new rule; edit: a stored rule, in place where WeChat allows it, else as a confirmed replace. */
export type RuleFormMode = "add" | "edit";

/** What the replace confirmation counts its cost against. */
export type ReplaceBudget = Pick<RuleSummary, "publishQuota" | "addBudgets">;

export interface RuleFormProps {
  account: AccountView;
  mode: RuleFormMode;
  /** The rule being edited; absent when adding. */
  rule?: MirroredRule;
  /** The account's publishes left and type-B add budgets, when known. */
  budget?: ReplaceBudget;
  onSaved: (rule: MirroredRule) => void;
  onCancel: () => void;
}

/** What the server is told beside the rule's values. */
interface SaveExtras {
  accountId: string;
  mode: "add" | "edit";
  confirmReplace?: boolean;
}

type RuleSaveResult = ActionResult<{ rule: MirroredRule }>;

/** The fields of either rule kind, in the order the "problems to fix" line names them. */
type RuleField = "prefix" | "path" | "permitSubRule" | "openVersion" | "debugUrls" | "appid";

export interface RuleFormState<TInput extends FieldValues, TValues> extends ActionFormState<TInput, TValues> {
  mode: RuleFormMode;
  /** The account the rule belongs to, for the failure's "explain this error" link. */
  accountId: string;
  /** The values as typed, valid or not. */
  values: DeepPartial<TInput>;
  /** Labels of the fields still to fix. */
  problems: string[];
  /** A valid submit: saves, or first shows what a replace does and costs and asks to confirm it. */
  onValid: (values: TValues) => void;
  /** The replace confirmation, rendered outside the form. */
  dialog: ReactNode;
}

/**
 * A rule form's state: the form over `schema`, saving through `save` (an edit WeChat cannot make in place
 * only after the operator confirmed the replace, `lib/rules/replace-plan.ts`), the account's rule queries
 * refetched and a toast on success, and the fields still to fix, for the footer.
 */
export function useRuleForm<TInput extends FieldValues, TValues extends { prefix: string }>(
  { account, mode, rule, budget, onSaved }: RuleFormProps,
  {
    schema,
    defaultValues,
    fieldOrder,
    save,
    edited,
  }: {
    schema: z.ZodType<TValues, TInput>;
    defaultValues: DefaultValues<TInput>;
    fieldOrder: readonly RuleField[];
    save: (input: TValues & SaveExtras) => Promise<RuleSaveResult>;
    /** The fields of the values that decide whether an edit is a replace. */
    edited: (values: TValues) => EditedValues;
  },
): RuleFormState<TInput, TValues> {
  const t = useTranslations("ruleForm");
  const { confirm, dialog } = useConfirmDialog();
  const queryClient = useQueryClient();
  // Set while the confirmed replace is being sent, so only that submit says it was confirmed.
  const replacing = useRef<"published" | "unpublished" | null>(null);
  const ruleForm = useActionForm({
    schema,
    defaultValues,
    action: (values: TValues) =>
      save({
        ...values,
        accountId: account.id,
        mode,
        ...(replacing.current ? { confirmReplace: true } : {}),
      }),
    invalidate: () => [ruleKeys.account(account.id)],
    successToast: () =>
      t(
        replacing.current === "published"
          ? "toast.replacedPublished"
          : replacing.current
            ? "toast.replaced"
            : mode === "add"
              ? "toast.added"
              : "toast.edited",
      ),
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
    const plan = mode === "edit" && rule ? planEdit(rule, edited(input)) : null;
    if (!plan?.replace) {
      replacing.current = null;
      submit(input);
      return;
    }
    const published = rule?.state === 2;
    const typing = published
      ? { typeToConfirm: input.prefix, typeToConfirmLabel: t("replace.confirmLabel") }
      : {};
    confirm({
      title: t("replace.title"),
      description: (
        <ReplaceConfirmation account={account} prefix={input.prefix} plan={plan} budget={budget} />
      ),
      ...typing,
      confirmLabel: t("replace.confirmButton"),
      cancelLabel: t("cancel"),
      destructive: published,
      unexpectedErrorMessage: t("unexpected"),
      callsWeChat: true,
      onConfirm: async () => {
        replacing.current = published ? "published" : "unpublished";
        try {
          await submitAsync(input);
        } finally {
          replacing.current = null;
          // A replace that stopped part-way changed the rule all the same: the table shows where it stands.
          void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) });
        }
      },
    });
  }

  return { ...ruleForm, mode, accountId: account.id, values, problems, onValid, dialog };
}

/** The form, its failure and footer, and the replace confirmation beside it. */
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
        accountId={ruleForm.accountId}
        testId={testId}
        footer={
          <RuleFormFooter
            problems={ruleForm.problems}
            submitLabel={t(`submit.${mode}`)}
            pending={ruleForm.pending}
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
  account,
  editing,
  locked,
  help,
  term,
  placeholder,
  onChange,
  hint,
}: {
  account: AccountView;
  /** The stored prefix, when a rule is edited. */
  editing?: string;
  locked: boolean;
  help: string;
  /** What the "?" beside the label explains: a prefix, or the Service Account QR code a type-B prefix is. */
  term: "prefix" | "serviceAccountQr";
  placeholder: string;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  /** The form's own note under the field, beside the lint warnings and overlaps. */
  hint?: ReactNode;
}) {
  const t = useTranslations("ruleForm");
  const { register, control } = useFormContext<{ prefix: string }>();
  const prefix = useWatch({ control, name: "prefix" }) ?? "";
  return (
    <div className="space-y-2">
      <TextField
        {...register("prefix", { onChange })}
        {...VERBATIM}
        id="rule-prefix"
        label={t("prefix.label")}
        help={<TermHelp term={term} />}
        description={locked ? t("prefix.readOnly") : help}
        required
        readOnly={locked}
        aria-describedby={PREFIX_NOTES_ID}
        type="text"
        inputMode="url"
        placeholder={placeholder}
      />
      <PrefixNotes account={account} prefix={prefix} editing={editing}>
        {hint}
      </PrefixNotes>
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
