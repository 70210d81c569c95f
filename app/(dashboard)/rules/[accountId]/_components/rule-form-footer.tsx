"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { z } from "zod";

import { Button } from "@/components/ui/button";
import { SlowWeChatNotice } from "@/components/ui/slow-wechat-notice";

/**
 * The fields a schema rejects in `values`, as dotted paths (`prefix`,
 * `debugUrls.2`), once each, in the order of `fieldOrder` (then by index).
 * Computed from the whole form, not only the fields the operator has touched,
 * so the submit button can say why it is disabled.
 */
export function invalidFields(schema: z.ZodType, values: unknown, fieldOrder: readonly string[]): string[] {
  const result = schema.safeParse(values);
  if (result.success) return [];
  const paths = [...new Set(result.error.issues.map((issue) => issue.path.map(String).join(".")))];
  const rank = (path: string) => {
    const [field = "", index] = path.split(".");
    const position = fieldOrder.indexOf(field);
    return (
      (position === -1 ? fieldOrder.length : position) * 1000 + (index === undefined ? -1 : Number(index))
    );
  };
  return paths.sort((a, b) => rank(a) - rank(b));
}

export interface RuleFormFooterProps {
  /** Labels of the fields still to fix; the submit button is disabled while there are any. */
  problems: string[];
  submitLabel: string;
  pending: boolean;
  /** Red submit button (a published rule is taken down). */
  destructive?: boolean;
  onCancel: () => void;
}

/** Cancel and submit, with the reason the submit button is disabled next to it. */
export function RuleFormFooter({
  problems,
  submitLabel,
  pending,
  destructive = false,
  onCancel,
}: RuleFormFooterProps) {
  const t = useTranslations("ruleForm");
  const problemsId = useId();
  const blocked = problems.length > 0;

  return (
    <div className="flex flex-col gap-3 border-t pt-4 sm:flex-row sm:items-center sm:justify-end">
      {blocked ? (
        <p
          id={problemsId}
          data-testid="rule-form-problems"
          className="text-sm text-muted-foreground sm:mr-auto"
        >
          {t("submit.problems", { count: problems.length, fields: problems.join(t("submit.separator")) })}
        </p>
      ) : (
        <div className="sm:mr-auto">
          <SlowWeChatNotice pending={pending} />
        </div>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          {t("cancel")}
        </Button>
        <Button
          type="submit"
          variant={destructive ? "destructive" : "default"}
          pending={pending}
          disabled={blocked}
          aria-describedby={blocked ? problemsId : undefined}
        >
          {submitLabel}
        </Button>
      </div>
    </div>
  );
}
