"use client";

import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** Why a save failed, for problems that belong to no single field. */
export function OperatorFormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      data-testid="operator-form-error"
      className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      {message}
    </div>
  );
}

export function OperatorFormFooter({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const t = useTranslations("operatorsAdmin.form");
  return (
    <div className="flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:justify-end">
      <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
        {t("cancel")}
      </Button>
      <Button type="submit" pending={pending}>
        {t("submit")}
      </Button>
    </div>
  );
}

/** The first message of an array field's errors: on the field itself or on one of its items. */
export function firstArrayError(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if ("message" in error && typeof error.message === "string" && error.message) return error.message;
  for (const item of Object.values(error)) {
    if (item && typeof item === "object" && "message" in item && typeof item.message === "string") {
      return item.message;
    }
  }
  return undefined;
}
