"use client";

import { useTranslations } from "next-intl";
import { type Ref, useId } from "react";

import { type Role, ROLES } from "@/lib/roles";
import { cn } from "@/lib/utils";

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

/**
 * The role, as native radios in a fieldset (arrow keys and screen readers behave as everywhere
 * else). Each radio is named by the role alone and described by what that role may do.
 */
export function RoleField({ value, onChange, onBlur, inputRef, error, disabled }: RoleFieldProps) {
  const t = useTranslations("operatorsAdmin.form");
  const roles = useTranslations("shell.roles");
  const base = useId();
  const errorId = `${base}-error`;

  return (
    <fieldset
      className="space-y-2"
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend className={cn("text-sm font-medium leading-none", error ? "text-destructive" : undefined)}>
        {t("role")}
      </legend>
      <div className="grid gap-2 pt-1">
        {ROLE_ORDER.map((role, index) => {
          const id = `${base}-${role}`;
          return (
            <label
              key={role}
              htmlFor={id}
              className="flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-accent/50 has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring"
            >
              <input
                ref={index === 0 ? inputRef : undefined}
                type="radio"
                id={id}
                name={`${base}-role`}
                value={role}
                checked={value === role}
                onChange={() => onChange(role)}
                onBlur={onBlur}
                aria-labelledby={`${id}-label`}
                aria-describedby={`${id}-help`}
                className="mt-0.5 size-4 shrink-0 accent-primary focus-visible:outline-none"
              />
              <span className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                <span id={`${id}-label`} className="font-medium">
                  {roles(role)}
                </span>
                <span id={`${id}-help`} className="text-xs text-muted-foreground">
                  {t(`roleHelp.${role}`)}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
