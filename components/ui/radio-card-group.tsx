"use client";

import { type ReactNode, type Ref, useId } from "react";

import { cn } from "@/lib/utils";

export interface RadioCardOption<V extends string | number> {
  value: V;
  label: string;
  help: ReactNode;
}

export interface RadioCardGroupProps<V extends string | number> {
  /** The radios' `name` (one is made up when omitted). */
  name?: string;
  legend: string;
  /** Beside the legend (a `TermHelp`); the group is still named by the legend's text alone. */
  help?: ReactNode;
  description?: ReactNode;
  options: readonly RadioCardOption<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  onBlur?: () => void;
  /** Given to the first radio, so a form can focus the group when it has an error. */
  inputRef?: Ref<HTMLInputElement>;
  /** A translated message. */
  error?: string;
  disabled?: boolean;
  /** Cards side by side on wider screens (default: up to 3, one per option); 1 stacks them. */
  columns?: 1 | 2 | 3;
}

const GRID = { 1: "", 2: "sm:grid-cols-2", 3: "sm:grid-cols-3" } as const;

/**
 * A choice between a few options, each explained in a sentence: native radios
 * in a radio group named by its legend, so arrow keys and screen readers
 * behave as everywhere else. Each radio is named by its label alone and
 * described by its explanation.
 */
export function RadioCardGroup<V extends string | number>({
  name,
  legend,
  help,
  description,
  options,
  value,
  onChange,
  onBlur,
  inputRef,
  error,
  disabled,
  columns,
}: RadioCardGroupProps<V>) {
  const base = useId();
  const legendId = `${base}-legend`;
  const descriptionId = `${base}-description`;
  const errorId = `${base}-error`;
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(" ");
  const perRow = columns ?? (Math.min(3, Math.max(2, options.length)) as 2 | 3);

  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      data-invalid={error ? "" : undefined}
      disabled={disabled}
      className="space-y-2"
    >
      <legend
        className={cn(
          "flex items-center gap-1 text-sm font-medium leading-none",
          error ? "text-destructive" : undefined,
        )}
      >
        <span id={legendId}>{legend}</span>
        {help}
      </legend>
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      <div className={cn("grid gap-2", GRID[perRow])}>
        {options.map((option, index) => {
          const id = `${base}-${option.value}`;
          return (
            <label
              key={option.value}
              htmlFor={id}
              className="flex cursor-pointer gap-3 rounded-md border p-3 text-sm transition-colors hover:bg-accent/50 has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring"
            >
              <input
                ref={index === 0 ? inputRef : undefined}
                type="radio"
                id={id}
                name={name ?? `${base}-choice`}
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
