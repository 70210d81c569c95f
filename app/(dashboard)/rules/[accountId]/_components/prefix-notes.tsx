"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Info, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { TYPING_DEBOUNCE_MS } from "@/components/data-table/use-debounced-text";
import type { AccountView } from "@/lib/rules/contract";
import { checkPrefix } from "@/lib/wechat/match";
import { lintPrefix } from "@/lib/wechat/prefix-lint";
import type { ScanRule } from "@/lib/wechat/scan";
import { checkPrefixOverlaps } from "@/server/actions/scan";

/** The prefix field's id for what is said under it (the input is described by it). */
export const PREFIX_NOTES_ID = "rule-prefix-notes";

function Note({ tone, children, testId }: { tone: "info" | "warning"; children: ReactNode; testId: string }) {
  const Icon = tone === "warning" ? TriangleAlert : Info;
  return (
    <div
      data-testid={testId}
      className="flex gap-2 rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-xs text-foreground"
    >
      <Icon aria-hidden className="mt-0.5 size-3.5 shrink-0 text-warning" />
      <div className="min-w-0 space-y-1 break-words">{children}</div>
    </div>
  );
}

/** The value of `value` once it stopped changing for a moment. */
function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), TYPING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/**
 * What the rule form says under a valid prefix before anything is sent: the warnings WeChat would not
 * give (a non-default port, an IP host, letters it ignores the case of, a prefix matching any query…),
 * and the rules of every account the operator may see that it would shadow or be shadowed by.
 */
export function PrefixNotes({
  account,
  prefix,
  editing,
  children,
}: {
  account: AccountView;
  prefix: string;
  /** The rule's prefix when it is being edited. */
  editing?: string;
  /** Notes of the form's own (the trailing-slash hint). */
  children?: ReactNode;
}) {
  const t = useTranslations("ruleForm.prefix");
  const { setValue } = useFormContext<{ prefix: string }>();
  const kind = account.kind === "miniprogram" ? "A" : "B";
  const valid = checkPrefix(prefix, kind).ok;
  const lints = valid ? lintPrefix(prefix, kind) : [];
  const settled = useSettled(prefix);
  const overlaps = useQuery({
    queryKey: ["prefixOverlaps", account.id, settled, editing ?? null],
    queryFn: async () => {
      const result = await checkPrefixOverlaps({ accountId: account.id, prefix: settled, editing });
      return result.ok ? result.data : null;
    },
    enabled: valid && settled === prefix,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const report = valid && overlaps.data && settled === prefix ? overlaps.data : null;

  const use = (suggested: string) => (
    <Button
      type="button"
      variant="outline"
      size="sm"
      className="h-7"
      onClick={() => setValue("prefix", suggested, { shouldValidate: true, shouldDirty: true })}
    >
      {t("lint.use", { suggested })}
    </Button>
  );
  const rules = (list: ScanRule[], count: number) => (
    <ul className="list-disc pl-4">
      {list.map((rule) => (
        <li key={`${rule.accountId}:${rule.openAppid}:${rule.prefix}`}>
          <code className="break-all font-mono">{rule.prefix}</code> ({rule.accountName},{" "}
          {t(rule.state === 2 ? "overlap.published" : "overlap.unpublished")})
        </li>
      ))}
      {count > list.length ? <li>{t("overlap.more", { count: count - list.length })}</li> : null}
    </ul>
  );

  const notes: ReactNode[] = [];
  for (const lint of lints) {
    const suggested =
      lint.kind === "nonAscii"
        ? lint.encoded
        : lint.kind === "upperCase"
          ? lint.lowered
          : lint.kind === "typeBUnderR"
            ? lint.suggested
            : null;
    notes.push(
      <Note key={lint.kind} tone="info" testId={`rule-prefix-lint-${lint.kind}`}>
        <p>{t(`lint.${lint.kind}`, lint.kind === "port" ? { port: lint.port } : {})}</p>
        {suggested ? use(suggested) : null}
      </Note>,
    );
  }
  if (report && report.shadowsCount > 0)
    notes.push(
      <Note key="shadows" tone="warning" testId="rule-prefix-shadows">
        <p>{t("overlap.shadows", { count: report.shadowsCount })}</p>
        {rules(report.shadows, report.shadowsCount)}
      </Note>,
    );
  if (report && report.shadowedByCount > 0)
    notes.push(
      <Note key="shadowedBy" tone="warning" testId="rule-prefix-shadowed-by">
        <p>{t("overlap.shadowedBy", { count: report.shadowedByCount })}</p>
        {rules(report.shadowedBy, report.shadowedByCount)}
      </Note>,
    );

  return (
    <div id={PREFIX_NOTES_ID} className="space-y-2" aria-live="polite">
      {children}
      {notes}
    </div>
  );
}
