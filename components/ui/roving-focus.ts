import type { KeyboardEvent } from "react";

/**
 * The keyboard of a tab list or a radio group (WAI-ARIA patterns): arrows move to the previous or next
 * item (wrapping), Home and End to the first or last. Focuses the item and returns its index, or null
 * for any other key. Items are the buttons of `event.currentTarget`'s parent with the same role.
 */
export function moveFocus(event: KeyboardEvent<HTMLElement>): number | null {
  const step =
    event.key === "ArrowRight" || event.key === "ArrowDown"
      ? 1
      : event.key === "ArrowLeft" || event.key === "ArrowUp"
        ? -1
        : 0;
  if (step === 0 && event.key !== "Home" && event.key !== "End") return null;
  const role = event.currentTarget.getAttribute("role");
  const items = Array.from(
    event.currentTarget.parentElement?.querySelectorAll<HTMLElement>(`[role="${role}"]`) ?? [],
  );
  const current = items.indexOf(event.currentTarget);
  const next =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? items.length - 1
        : (current + step + items.length) % items.length;
  event.preventDefault();
  items[next]?.focus();
  return next;
}
