"use client";

import { useTranslations } from "next-intl";
import { type Ref, useId } from "react";

import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import type { AccountAdminView } from "@/lib/admin/contract";
import { cn } from "@/lib/utils";

export interface AccountAccessFieldProps {
  accounts: AccountAdminView[];
  value: readonly string[];
  onChange: (accountIds: string[]) => void;
  onBlur?: () => void;
  /** Admins have every account: the checkboxes give way to a note saying so. */
  admin: boolean;
  /** Receives the first checkbox, so a server error on `accountIds` can focus it. */
  inputRef?: Ref<HTMLInputElement>;
  /** A translated message. */
  error?: string;
  disabled?: boolean;
}

/** Which WeChat accounts an operator or viewer may use: one checkbox per account. */
export function AccountAccessField({
  accounts,
  value,
  onChange,
  onBlur,
  admin,
  inputRef,
  error,
  disabled,
}: AccountAccessFieldProps) {
  const t = useTranslations("operatorsAdmin.form");
  const base = useId();
  const descriptionId = `${base}-description`;
  const errorId = `${base}-error`;
  const chosen = new Set(value);

  const toggle = (accountId: string, checked: boolean) => {
    const next = new Set(chosen);
    if (checked) next.add(accountId);
    else next.delete(accountId);
    // Keep the accounts' order, so the same choice always gives the same list.
    onChange(accounts.map((account) => account.id).filter((id) => next.has(id)));
  };

  let description: string;
  if (admin) description = t("accountsAdmin");
  else if (accounts.length === 0) description = t("noAccounts");
  else description = t("accountsHelp");

  return (
    <fieldset
      className="space-y-2"
      aria-describedby={[descriptionId, error ? errorId : null].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
      data-testid="operator-account-access"
    >
      <legend className={cn("text-sm font-medium leading-none", error ? "text-destructive" : undefined)}>
        {t("accounts")}
      </legend>
      <p id={descriptionId} className="text-xs text-muted-foreground">
        {description}
      </p>
      {!admin && accounts.length > 0 ? (
        <ul className="max-h-56 space-y-1 overflow-y-auto rounded-md border p-2">
          {accounts.map((account, index) => {
            const id = `${base}-${account.id}`;
            return (
              <li
                key={account.id}
                className="flex items-center gap-3 rounded-sm px-1 py-1.5 hover:bg-accent/50"
              >
                <Checkbox
                  ref={index === 0 ? inputRef : undefined}
                  id={id}
                  checked={chosen.has(account.id)}
                  onCheckedChange={(checked) => toggle(account.id, checked === true)}
                  onBlur={onBlur}
                  disabled={disabled}
                  aria-label={t("giveAccess", { name: account.name })}
                />
                <label
                  htmlFor={id}
                  className="flex min-w-0 flex-1 cursor-pointer flex-wrap items-center gap-x-2 text-sm"
                >
                  <span className="truncate font-medium">{account.name}</span>
                  <span className="font-mono text-xs text-muted-foreground">{account.appid}</span>
                  {account.disabled ? <Badge variant="outline">{t("accountDisabled")}</Badge> : null}
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
