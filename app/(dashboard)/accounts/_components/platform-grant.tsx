"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { PlatformAuthorizationView } from "@/lib/admin/contract";
import { isKnownPermissionSet } from "@/lib/wechat/permission-sets";

/** The name of a permission set in the operator's language (set 18: Mini Program development…). */
export function useSetName(): (id: number) => string {
  const t = useTranslations("platform.sets");
  return (id) => (isKnownPermissionSet(id) ? t(String(id) as "3" | "18" | "33") : t("other", { id }));
}

/**
 * What an account authorized through the platform was granted, in words, and what each missing set keeps
 * from working: shown in the Accounts table's token column.
 */
export function PlatformGrant({ platform }: { platform: PlatformAuthorizationView }) {
  const t = useTranslations("platform");
  const setName = useSetName();
  return (
    <div className="min-w-48 space-y-1 text-sm" data-testid="account-platform">
      <Badge variant="secondary">{t("grant.through")}</Badge>
      {platform.unauthorizedAt ? (
        <p className="text-destructive" data-testid="account-platform-withdrawn">
          {t("grant.withdrawn")}
        </p>
      ) : null}
      {platform.permissionSets.length === 0 ? (
        <p className="text-muted-foreground">{t("grant.none")}</p>
      ) : (
        <ul aria-label={t("grant.sets")} className="space-y-0.5" data-testid="account-permission-sets">
          {platform.permissionSets.map((id) => (
            <li key={id}>{t("grant.set", { id, name: setName(id) })}</li>
          ))}
        </ul>
      )}
      {platform.missing.length > 0 ? (
        <ul
          className="space-y-0.5 text-amber-700 dark:text-amber-400"
          data-testid="account-permission-missing"
        >
          {platform.missing.map((need) => (
            <li key={need.set}>
              {t("grant.missing", {
                set: need.set,
                name: setName(need.set),
                feature: t(`features.${need.feature}`),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {platform.personal || !platform.verified ? (
        <p className="text-xs text-muted-foreground">
          {[platform.personal ? t("grant.personal") : null, platform.verified ? null : t("grant.unverified")]
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
