"use client";

import { type ReactNode, Suspense, useId, useState, useSyncExternalStore } from "react";

import { EARLY_CLICK_ATTRIBUTE, clickedBeforeHydration } from "@/lib/ui/early-clicks";

/** The early click is noted once, before hydration: there is nothing to subscribe to. */
const subscribeNever = () => () => {};

/**
 * What the stand-in trigger must spread on its button: the first click mounts the real widget; hover or
 * focus starts loading it; the mark lets a click that came before hydration be kept for it.
 */
export interface DeferredTriggerProps {
  onClick: () => void;
  onPointerEnter: () => void;
  onFocus: () => void;
  [EARLY_CLICK_ATTRIBUTE]: string;
}

/**
 * A menu, select or dialog whose code loads when it is first used. Until then `trigger` renders a plain
 * button that looks and reads like the real one; its first click mounts `children` (a lazy component that
 * opens itself), and from then on the real widget stays. A table of 50 rows would otherwise hydrate 50 menus
 * nobody has opened yet, and every page would ship the menu code before anyone reaches for it. A click on
 * the stand-in before the page has hydrated is not lost: it opens the widget once it can
 * (lib/ui/early-clicks.ts).
 */
export function Deferred({
  trigger,
  preload,
  children,
}: {
  trigger: (props: DeferredTriggerProps) => ReactNode;
  /** The dynamic import of the lazy component, so loading starts before the click lands. */
  preload: () => Promise<unknown>;
  children: ReactNode;
}) {
  const [clicked, setClicked] = useState(false);
  const id = useId();
  // A click that came before the page could answer opens it as soon as it is hydrated, rather than being
  // lost (the server, and hydration, draw the stand-in; the browser's answer comes right after).
  const clickedEarly = useSyncExternalStore(
    subscribeNever,
    () => clickedBeforeHydration(id),
    () => false,
  );
  // Kept: once armed, the stand-in's element is gone, and with it the note of the early click.
  if (clickedEarly && !clicked) setClicked(true);
  const armed = clicked || clickedEarly;
  const props: DeferredTriggerProps = {
    onClick: () => setClicked(true),
    onPointerEnter: () => void preload().catch(() => undefined),
    onFocus: () => void preload().catch(() => undefined),
    [EARLY_CLICK_ATTRIBUTE]: id,
  };
  if (!armed) return trigger(props);
  return <Suspense fallback={trigger(props)}>{children}</Suspense>;
}

/**
 * True from the first time `open` is true: a lazily loaded dialog is mounted when first opened and then
 * kept, so it can close normally and reopen without loading again.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
