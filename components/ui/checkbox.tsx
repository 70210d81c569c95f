"use client";

import { type ComponentProps, type Ref, useCallback } from "react";

import { cn } from "@/lib/utils";

export type CheckedState = boolean | "indeterminate";

export type CheckboxProps = Omit<
  ComponentProps<"input">,
  "type" | "checked" | "defaultChecked" | "onChange"
> & {
  checked?: CheckedState;
  onCheckedChange?: (checked: boolean) => void;
};

/**
 * `checked` may be "indeterminate" (e.g. a partly selected table header). Needs an accessible name.
 * A native checkbox, invisible over the drawn 16 px box and larger than it (24 px, the smallest target
 * WCAG 2.2 accepts): a page of 50 selectable rows hydrates 50 inputs, not 50 widgets.
 */
export function Checkbox({ className, checked = false, onCheckedChange, ref, ...props }: CheckboxProps) {
  const indeterminate = checked === "indeterminate";
  const state = indeterminate ? "indeterminate" : checked ? "checked" : "unchecked";
  // `indeterminate` exists only as a DOM property.
  const setInput = useCallback(
    (input: HTMLInputElement | null) => {
      if (input) input.indeterminate = indeterminate;
      assignRef(ref, input);
    },
    [indeterminate, ref],
  );
  return (
    <span
      data-slot="checkbox"
      data-state={state}
      className={cn("relative inline-flex size-4 shrink-0", className)}
    >
      <input
        ref={setInput}
        type="checkbox"
        checked={checked === true}
        aria-checked={indeterminate ? "mixed" : undefined}
        onChange={(event) => onCheckedChange?.(event.target.checked)}
        className="peer absolute -inset-1 z-10 m-0 size-6 cursor-pointer opacity-0 disabled:cursor-not-allowed"
        {...props}
      />
      {/* The box, and its tick or dash as a mask: no icon elements in each of a table's rows. */}
      <span
        aria-hidden
        className="pointer-events-none absolute inset-0 rounded-[4px] border border-input bg-background text-[0.875rem] text-primary-foreground shadow-xs transition-colors peer-checked:border-primary peer-checked:bg-primary peer-checked:after:icon-[lucide--check] peer-indeterminate:border-primary peer-indeterminate:bg-primary peer-indeterminate:after:icon-[lucide--minus] peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-ring peer-disabled:opacity-50 peer-aria-invalid:border-destructive after:absolute after:inset-0 after:m-auto"
      />
    </span>
  );
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === "function") ref(value);
  else if (ref) ref.current = value;
}
