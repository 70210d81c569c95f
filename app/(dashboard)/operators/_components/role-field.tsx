"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";

import { RadioCardGroup } from "@/components/ui/radio-card-group";
import { type Role, ROLES } from "@/lib/roles";

/** Strongest first: the order an admin reads the choices in. */
const ROLE_ORDER: readonly Role[] = [...ROLES].reverse();

export interface RoleFieldProps {
  value: Role | undefined;
  onChange: (role: Role) => void;
  onBlur?: () => void;
  /** Receives the first radio, so a server error on `role` can focus it. */
  inputRef?: Ref<HTMLInputElement>;
  /** A translated message. */
  error?: string;
  disabled?: boolean;
}

/** The role: each radio is named by the role alone and described by what that role may do. */
export function RoleField({ value, onChange, onBlur, inputRef, error, disabled }: RoleFieldProps) {
  const t = useTranslations("operatorsAdmin.form");
  const roles = useTranslations("shell.roles");
  return (
    <RadioCardGroup<Role>
      legend={t("role")}
      options={ROLE_ORDER.map((role) => ({ value: role, label: roles(role), help: t(`roleHelp.${role}`) }))}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      inputRef={inputRef}
      error={error}
      disabled={disabled}
      columns={1}
    />
  );
}
