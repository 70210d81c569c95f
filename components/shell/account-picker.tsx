"use client";

import { Loader2 } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useSyncExternalStore, useTransition } from "react";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AccountView } from "@/lib/rules/contract";

/** Read by the /rules page (app/(dashboard)/rules/page.tsx) to reopen the last account. */
const ACCOUNT_COOKIE = "qrjump_account";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

function rememberAccount(id: string) {
  document.cookie = `${ACCOUNT_COOKIE}=${encodeURIComponent(id)}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
}

function readRememberedAccount(): string | null {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${ACCOUNT_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(ACCOUNT_COOKIE.length + 1)) : null;
}

// The cookie only changes through this component, which re-renders on navigation anyway.
const subscribeToNothing = () => () => {};

/** The WeChat account whose rules are shown: name, kind and appid; picking one opens its rules. */
export function AccountPicker({ accounts }: { accounts: AccountView[] }) {
  const t = useTranslations("rules.picker");
  const kind = useTranslations("rules.kind");
  const router = useRouter();
  const params = useParams<{ accountId?: string }>();
  const [pending, startTransition] = useTransition();
  const remembered = useSyncExternalStore(subscribeToNothing, readRememberedAccount, () => null);

  const routeId = typeof params.accountId === "string" ? params.accountId : undefined;
  const current = accounts.find((account) => account.id === (routeId ?? remembered));

  // An account opened by a shared link becomes the one to come back to.
  useEffect(() => {
    if (routeId && accounts.some((account) => account.id === routeId)) rememberAccount(routeId);
  }, [routeId, accounts]);

  if (accounts.length === 0) return null;

  function choose(id: string) {
    rememberAccount(id);
    startTransition(() => router.push(`/rules/${id}`));
  }

  return (
    <div className="flex min-w-0 items-center gap-2">
      <Select value={current?.id ?? ""} onValueChange={choose}>
        <SelectTrigger
          aria-label={t("label")}
          aria-busy={pending || undefined}
          data-testid="account-picker"
          className="w-auto min-w-0 max-w-[14rem] sm:max-w-xs"
        >
          <SelectValue placeholder={t("placeholder")}>
            {current ? (
              <span className="flex min-w-0 items-center gap-2">
                <span className="truncate">{current.name}</span>
                <span className="hidden text-xs text-muted-foreground lg:inline">{kind(current.kind)}</span>
              </span>
            ) : undefined}
          </SelectValue>
        </SelectTrigger>
        <SelectContent align="start" className="max-w-sm">
          {accounts.map((account) => (
            <SelectItem key={account.id} value={account.id}>
              <span className="flex min-w-0 flex-col">
                <span className="truncate">{account.name}</span>
                <span className="text-xs text-muted-foreground">
                  {kind(account.kind)} · <span className="font-mono">{account.appid}</span>
                </span>
              </span>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {pending ? (
        <span role="status" className="flex items-center">
          <Loader2 aria-hidden className="size-4 animate-spin text-muted-foreground" />
          <span className="sr-only">{t("switching")}</span>
        </span>
      ) : null}
    </div>
  );
}
