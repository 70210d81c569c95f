"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** After this long, a call is probably waiting on a slow WeChat (or on the product checking WeChat's rules). */
export const SLOW_WECHAT_MS = 5_000;

/**
 * While an action that calls WeChat has been pending for a while, says what is happening: WeChat is slow,
 * and if it does not answer in time the product checks whether the change was made before sending it again.
 * A live region, so screen readers hear it too; empty until then.
 */
export function SlowWeChatNotice({
  pending,
  afterMs = SLOW_WECHAT_MS,
}: {
  pending: boolean;
  afterMs?: number;
}) {
  const t = useTranslations("common");
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), afterMs);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [pending, afterMs]);
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="slow-wechat"
      className="text-sm text-muted-foreground empty:hidden"
    >
      {pending && slow ? t("wechatSlow") : null}
    </p>
  );
}
