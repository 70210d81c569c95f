"use client";

import { type ReactNode, useId } from "react";

import { cn } from "@/lib/utils";

export interface RadioOption<V extends number> {
  value: V;
  label: string;
  help: ReactNode;
}

export interface RuleFormRadioGroupProps<V extends number> {
  /** The radio group's `name` and the base of its element ids. */
  name: string;
  legend: string;
  description?: ReactNode;
  options: RadioOption<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  onBlur?: () => void;
  /** A translated message. */
  error?: string;
}

/**
 * A choice between a few options, each explained in a sentence: native radios
 * in a fieldset, so arrow keys and screen readers behave as everywhere else.
 * Each radio is named by its label alone and described by its explanation.
 */
export function RuleFormRadioGroup<V extends number>({
  name,
  legend,
  description,
  options,
  value,
  onChange,
  onBlur,
  error,
}: RuleFormRadioGroupProps<V>) {
  const base = useId();
  const descriptionId = `${base}-description`;
  const errorId = `${base}-error`;
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(" ");

  return (
    <fieldset
      className="space-y-2"
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      data-invalid={error ? "" : undefined}
    >
      <legend className={cn("text-sm font-medium leading-none", error ? "text-destructive" : undefined)}>
        {legend}
      </legend>
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      <div className={cn("grid gap-2", options.length > 2 ? "sm:grid-cols-3" : "sm:grid-cols-2")}>
        {options.map((option) => {
          const id = `${base}-${option.value}`;
          return (
            <label
              key={option.value}
              htmlFor={id}
              className="flex cursor-pointer gap-3 rounded-md border p-3 text-sm transition-colors hover:bg-accent/50 has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring"
            >
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                onBlur={onBlur}
                aria-labelledby={`${id}-label`}
                aria-describedby={`${id}-help`}
                className="mt-0.5 size-4 shrink-0 accent-primary focus-visible:outline-none"
              />
              <span className="space-y-1">
                <span id={`${id}-label`} className="block font-medium leading-none">
                  {option.label}
                </span>
                <span id={`${id}-help`} className="block text-xs text-muted-foreground">
                  {option.help}
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
