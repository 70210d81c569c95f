// How a WeChat failure reads to the operator, wherever it is shown: a form, a bulk result, the sync banner,
// an activity entry. The strings are the `wechatFailure` messages.
"use client";

import { BookOpen } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import { CopyButton } from "@/components/ui/copy-button";
import type { ActionError, WeChatFailure } from "@/lib/action-result";
import { cn } from "@/lib/utils";

function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      <p>{children}</p>
    </div>
  );
}

/**
 * The catalog's explanation of a WeChat failure: its title, what it means and what to do, the errcode (or
 * that no answer came), and the rid WeChat support asks for, with a copy button.
 */
export function WeChatFailureDetails({
  failure,
  message,
  titleAs: Title = "p",
  titleId,
  titleClassName,
  children,
  className,
  explainedOnField = false,
  accountId,
}: {
  failure: WeChatFailure;
  /** A form's field shows the meaning and what to do: only the title, a pointer to the field and the rid here. */
  explainedOnField?: boolean;
  /** The account the failure is about, for the explain view's link to where the fix is made. */
  accountId?: string;
  /** The action's own message, shown under the title when it says something else. */
  message?: string | null;
  /** "h3" where the explanation is a section of its own (an activity entry). */
  titleAs?: "p" | "h3";
  titleId?: string;
  titleClassName?: string;
  /** More about this failure (messages for the form as a whole), after what it means. */
  children?: ReactNode;
  className?: string;
}) {
  const t = useTranslations("wechatFailure");
  const { errcode, rid, title, meaning, action } = failure;
  return (
    <div className={cn("space-y-1.5 text-sm", className)} data-testid="wechat-failure">
      <Title id={titleId} className={cn("font-medium", titleClassName)}>
        {title}
      </Title>
      {message && message !== title ? <p>{message}</p> : null}
      {explainedOnField ? (
        <p>{t("onField")}</p>
      ) : (
        <>
          {meaning ? <Part label={t("meaning")}>{meaning}</Part> : null}
          {children}
          <Part label={t("action")}>{action}</Part>
        </>
      )}
      {explainedOnField ? children : null}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span>{errcode === null ? t("noAnswer") : t("errcode", { errcode: String(errcode) })}</span>
        {rid ? (
          <span className="inline-flex flex-wrap items-center gap-1" data-testid="wechat-failure-rid">
            {t("rid")}: <code className="select-all font-mono text-foreground">{rid}</code>
            <CopyButton value={rid} label={t("copyRid", { rid })} className="size-6" />
            <span>{t("ridHelp")}</span>
          </span>
        ) : null}
        <ExplainLink failure={failure} accountId={accountId} />
      </div>
    </div>
  );
}

/** The address of the "explain this error" view of a failure. */
export function explainHref(failure: Pick<WeChatFailure, "errcode" | "rid">, accountId?: string): string {
  const query = new URLSearchParams();
  if (failure.rid) query.set("rid", failure.rid);
  if (accountId) query.set("account", accountId);
  const search = query.toString();
  return `/explain/${failure.errcode ?? "none"}${search ? `?${search}` : ""}`;
}

/** Opens the explain view in a new tab, so a form or drawer keeps what was typed. */
function ExplainLink({ failure, accountId }: { failure: WeChatFailure; accountId?: string }) {
  const t = useTranslations("explain");
  return (
    <Link
      href={explainHref(failure, accountId)}
      target="_blank"
      prefetch={false}
      className="inline-flex items-center gap-1 font-medium text-foreground underline underline-offset-4"
      data-testid="explain-link"
    >
      <BookOpen aria-hidden className="size-3.5" />
      {t("link")}
    </Link>
  );
}

/** A failed action in full: WeChat's explanation when WeChat refused, else the action's message. */
export function ActionErrorDetails({
  error,
  accountId,
  className,
}: {
  error: ActionError;
  /** The account the failure is about, for the explain view's link to where the fix is made. */
  accountId?: string;
  className?: string;
}) {
  if (!error.wechat) return <p className={cn("text-sm", className)}>{error.message}</p>;
  return (
    <WeChatFailureDetails
      failure={error.wechat}
      message={error.message}
      accountId={accountId}
      className={className}
    />
  );
}

/** A failed action as one line, for places that only take a string (a toast, a confirmation's alert). */
export function useActionErrorText(): (error: ActionError) => string {
  const t = useTranslations("wechatFailure");
  return useCallback(
    (error: ActionError) => {
      const { wechat } = error;
      const forForm = error.fieldErrors?._form ?? [];
      if (!wechat) return [error.message, ...forForm].join(" ");
      const message = [
        t("summary", { title: wechat.title, meaning: wechat.meaning, action: wechat.action }),
        ...forForm,
      ].join(" ");
      return wechat.rid ? t("withRid", { message, rid: wechat.rid }) : message;
    },
    [t],
  );
}
