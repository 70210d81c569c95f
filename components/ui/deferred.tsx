"use client";

import { type ReactNode, Suspense, useState } from "react";

/** What the stand-in trigger must wire up: the first click mounts the real widget; hover or focus starts loading it. */
export interface DeferredTriggerProps {
  onClick: () => void;
  onPointerEnter: () => void;
  onFocus: () => void;
}

/**
 * A menu, select or dialog whose code loads when it is first used. Until then `trigger` renders a plain
 * button that looks and reads like the real one; its first click mounts `children` (a lazy component that
 * opens itself), and from then on the real widget stays. A table of 50 rows would otherwise hydrate 50 menus
 * nobody has opened yet, and every page would ship the menu code before anyone reaches for it.
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
  const [armed, setArmed] = useState(false);
  const props: DeferredTriggerProps = {
    onClick: () => setArmed(true),
    onPointerEnter: () => void preload().catch(() => undefined),
    onFocus: () => void preload().catch(() => undefined),
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
