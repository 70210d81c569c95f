"use client";

import { useRouter } from "next/navigation";

import { CapabilityBadge, CheckCapabilityButton } from "@/components/accounts/capability";
import type { AccountAdminView } from "@/lib/admin/contract";

/** An account's capability verdict in its row, with Check for those who may run it. */
export function AccountCapability({ account, canCheck }: { account: AccountAdminView; canCheck: boolean }) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <CapabilityBadge capability={account.capability} />
      {canCheck && !account.disabled ? (
        <CheckCapabilityButton
          accountId={account.id}
          accountName={account.name}
          onChecked={() => router.refresh()}
        />
      ) : null}
    </div>
  );
}
