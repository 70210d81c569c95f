"use client";

import { ChevronDown } from "lucide-react";
import type { Select as SelectPrimitive } from "radix-ui";
import {
  type ComponentProps,
  Suspense,
  createContext,
  lazy,
  use,
  useCallback,
  useEffect,
  useId,
  useState,
} from "react";

import { EARLY_CLICK_ATTRIBUTE, clickedBeforeHydration } from "@/lib/ui/early-clicks";
import { cn } from "@/lib/utils";

/**
 * Radix Select, mounted on first use. Until the trigger is first clicked (or opened with the arrow keys),
 * the parts render a plain button that looks and reads like the real trigger, showing SelectValue's
 * children (or its placeholder), and no list; the click loads Radix and opens the real select. A table
 * toolbar, its pager and the header's account picker would otherwise ship and hydrate Radix Select on
 * every page before anyone opens one.
 *
 * Give the trigger an accessible name: put `id` on SelectTrigger and a <Label htmlFor>, or use
 * FormField's render-prop form, or set aria-label. Give SelectValue children that name the chosen item:
 * the stand-in cannot read the items' text.
 */
export const TRIGGER_CLASS =
  "flex w-full items-center justify-between gap-2 whitespace-nowrap rounded-md border border-input bg-background px-3 text-sm shadow-xs transition-colors data-[placeholder]:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive data-[size=default]:h-9 data-[size=sm]:h-8 [&>span]:truncate";

const load = () => import("./select-radix");
const Radix = {
  Root: lazy(() => load().then((module) => ({ default: module.Select }))),
  Trigger: lazy(() => load().then((module) => ({ default: module.SelectTrigger }))),
  Value: lazy(() => load().then((module) => ({ default: module.SelectValue }))),
  Content: lazy(() => load().then((module) => ({ default: module.SelectContent }))),
  Item: lazy(() => load().then((module) => ({ default: module.SelectItem }))),
  Label: lazy(() => load().then((module) => ({ default: module.SelectLabel }))),
  Group: lazy(() => load().then((module) => ({ default: module.SelectGroup }))),
  Separator: lazy(() => load().then((module) => ({ default: module.SelectSeparator }))),
};

interface StandIn {
  /** Null once the real select is mounted. */
  arm: (() => void) | null;
  empty: boolean;
  disabled: boolean;
}

const StandInContext = createContext<StandIn>({ arm: null, empty: false, disabled: false });

const preload = () => void load().catch(() => undefined);
const noop = () => {};

export function Select(props: ComponentProps<typeof SelectPrimitive.Root>) {
  const [armed, setArmed] = useState(false);
  const arm = useCallback(() => setArmed(true), []);
  const value = props.value ?? props.defaultValue;
  const standIn = (arm: () => void) => (
    <StandInContext
      value={{ arm, empty: value === undefined || value === "", disabled: props.disabled === true }}
    >
      {props.children}
    </StandInContext>
  );
  if (!armed) return standIn(arm);
  return (
    <Suspense fallback={standIn(noop)}>
      <StandInContext value={{ arm: null, empty: false, disabled: false }}>
        <Radix.Root {...props} defaultOpen={props.open === undefined ? true : undefined} />
      </StandInContext>
    </Suspense>
  );
}

export function SelectTrigger({
  size = "default",
  className,
  children,
  ...props
}: ComponentProps<typeof SelectPrimitive.Trigger> & { size?: "sm" | "default" }) {
  const { arm, empty, disabled } = use(StandInContext);
  // The list it will control does not exist yet; like Radix's closed trigger, it names it anyway.
  const listId = useId();
  // A click that came before the page could answer opens it now, rather than being lost.
  useEffect(() => {
    if (arm && clickedBeforeHydration(listId)) arm();
  }, [arm, listId]);
  if (!arm) {
    return (
      <Radix.Trigger size={size} className={className} {...props}>
        {children}
      </Radix.Trigger>
    );
  }
  const { asChild: _asChild, onClick, onKeyDown, onPointerEnter, onFocus, ...rest } = props;
  return (
    <button
      type="button"
      role="combobox"
      aria-expanded={false}
      aria-controls={listId}
      aria-autocomplete="none"
      data-slot="select-trigger"
      data-size={size}
      data-state="closed"
      data-placeholder={empty ? "" : undefined}
      {...{ [EARLY_CLICK_ATTRIBUTE]: listId }}
      disabled={disabled}
      className={cn(TRIGGER_CLASS, className)}
      {...rest}
      onClick={(event) => {
        onClick?.(event);
        arm();
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          arm();
        }
      }}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        preload();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        preload();
      }}
    >
      {children}
      <ChevronDown aria-hidden className="size-4 opacity-60" />
    </button>
  );
}

export function SelectValue({
  placeholder,
  children,
  ...props
}: ComponentProps<typeof SelectPrimitive.Value>) {
  const { arm, empty } = use(StandInContext);
  if (!arm) {
    return (
      <Radix.Value placeholder={placeholder} {...props}>
        {children}
      </Radix.Value>
    );
  }
  return <span style={{ pointerEvents: "none" }}>{empty ? placeholder : children}</span>;
}

export function SelectContent(props: ComponentProps<typeof SelectPrimitive.Content>) {
  return use(StandInContext).arm ? null : <Radix.Content {...props} />;
}

export function SelectItem(props: ComponentProps<typeof SelectPrimitive.Item>) {
  return use(StandInContext).arm ? null : <Radix.Item {...props} />;
}

export function SelectLabel(props: ComponentProps<typeof SelectPrimitive.Label>) {
  return use(StandInContext).arm ? null : <Radix.Label {...props} />;
}

export function SelectGroup(props: ComponentProps<typeof SelectPrimitive.Group>) {
  return use(StandInContext).arm ? null : <Radix.Group {...props} />;
}

export function SelectSeparator(props: ComponentProps<typeof SelectPrimitive.Separator>) {
  return use(StandInContext).arm ? null : <Radix.Separator {...props} />;
}
