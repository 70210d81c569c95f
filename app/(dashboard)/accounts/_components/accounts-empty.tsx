"use client";

import { Plus, Smartphone } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** No account yet: what an account is, what adding one takes, and the button to do it. */
export function AccountsEmpty({ canEdit, onAdd }: { canEdit: boolean; onAdd: () => void }) {
  const t = useTranslations("accountsAdmin");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-2" data-testid="accounts-empty">
      <Smartphone aria-hidden className="size-8 text-muted-foreground" />
      <p className="font-medium text-foreground">{t("empty.title")}</p>
      <p className="whitespace-normal">{t("empty.description")}</p>
      {canEdit ? (
        <Button size="sm" className="mt-2" onClick={onAdd}>
          <Plus aria-hidden />
          {t("page.add")}
        </Button>
      ) : null}
    </div>
  );
}
