import { Lock } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { Button } from "@/components/ui/button";

/** An account that exists but was not given to the operator: say so, and who can change it. */
export async function NoAccess() {
  const t = await getTranslations("rules.page.noAccess");
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-lg border p-6 text-center" data-testid="no-access">
      <Lock aria-hidden className="mx-auto size-8 text-muted-foreground" />
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted-foreground">{t("description")}</p>
      <Button asChild variant="outline">
        <Link href="/rules">{t("back")}</Link>
      </Button>
    </div>
  );
}
