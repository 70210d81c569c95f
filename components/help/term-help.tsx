"use client";

import { lazy } from "react";

import { Deferred } from "@/components/ui/deferred";
import type { HelpTerm } from "@/lib/help/terms";

import { TermHelpButton } from "./term-help-button";

const loadPopover = () => import("./term-help-popover");
const TermHelpPopover = lazy(() => loadPopover().then((module) => ({ default: module.TermHelpPopover })));

/**
 * A "?" button that explains one of WeChat's terms where it appears: a short explanation and WeChat's own
 * example, in a popover (keyboard: Enter or Space opens it, Escape closes it). Put it beside a label, never
 * inside a <label> (a click on it would then also act on the labelled control): `FormField`, `TextField` and
 * `RadioCardGroup` take it as their `help`.
 *
 * Cheap enough for a page's first load: until its first use it is a plain button, and the popover's code
 * arrives on hover, focus or the first click.
 */
export function TermHelp({ term, className }: { term: HelpTerm; className?: string }) {
  return (
    <Deferred
      preload={loadPopover}
      trigger={(props) => (
        <TermHelpButton term={term} className={className} aria-expanded={false} {...props} />
      )}
    >
      <TermHelpPopover term={term} className={className} defaultOpen />
    </Deferred>
  );
}
