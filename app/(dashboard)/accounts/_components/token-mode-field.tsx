"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";

import type { TokenMode } from "@/lib/admin/contract";
import { RadioCardGroup } from "@/components/ui/radio-card-group";

/** Stable token (recommended) or classic token, each with what it means for servers sharing the account. */
export function TokenModeField({
  value,
  onChange,
  onBlur,
  inputRef,
  error,
}: {
  value: TokenMode | undefined;
  onChange: (mode: TokenMode) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  error?: string;
}) {
  const t = useTranslations("accountsAdmin.form.tokenMode");
  return (
    <RadioCardGroup<TokenMode>
      name="tokenMode"
      legend={t("label")}
      description={t("help")}
      options={[
        { value: "stable", label: t("stable"), help: t("stableHelp") },
        { value: "classic", label: t("classic"), help: t("classicHelp") },
      ]}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      inputRef={inputRef}
      error={error}
    />
  );
}
