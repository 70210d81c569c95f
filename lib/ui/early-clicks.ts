/**
 * A click on a control before React has hydrated it would be lost: the page looks ready while its
 * scripts still load. The root layout inlines {@link EARLY_CLICK_SCRIPT}, which notes the last element
 * clicked among those marked `data-early-click="<id>"` until `<html data-hydrated>` is set; the control,
 * once hydrated (React keeps the server's element), asks {@link clickedBeforeHydration} and acts on it.
 * The element itself is kept, not only its id: a control mounted later is a new element, so it never acts
 * on a click meant for an earlier one, even when it gets the same id.
 */
export const EARLY_CLICK_ATTRIBUTE = "data-early-click";

const STORE = "__qrEarlyClick";

export const EARLY_CLICK_SCRIPT = `document.addEventListener("click",function(e){if(document.documentElement.dataset.hydrated)return;var t=e.target instanceof Element&&e.target.closest("[${EARLY_CLICK_ATTRIBUTE}]");if(t)window.${STORE}=t},true)`;

/** Whether the control `id`, as drawn by the server, was the last one clicked before the page could answer. */
export function clickedBeforeHydration(id: string): boolean {
  const clicked = (window as unknown as Record<string, unknown>)[STORE];
  return (
    clicked instanceof Element && clicked.isConnected && clicked.getAttribute(EARLY_CLICK_ATTRIBUTE) === id
  );
}
