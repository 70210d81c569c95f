/**
 * A click on a control before React has hydrated it would be lost: the page looks ready while its
 * scripts still load. The root layout inlines {@link EARLY_CLICK_SCRIPT}, which notes the last click on an
 * element marked `data-early-click="<id>"` until `<html data-hydrated>` is set; the control, once
 * hydrated, takes the click back with {@link takeEarlyClick} and acts on it.
 */
export const EARLY_CLICK_ATTRIBUTE = "data-early-click";

const STORE = "__qrEarlyClick";

export const EARLY_CLICK_SCRIPT = `document.addEventListener("click",function(e){if(document.documentElement.dataset.hydrated)return;var t=e.target instanceof Element&&e.target.closest("[${EARLY_CLICK_ATTRIBUTE}]");if(t)window.${STORE}=t.getAttribute("${EARLY_CLICK_ATTRIBUTE}")},true)`;

/** Whether the control `id` was clicked before it could answer; the click is taken (it acts once). */
export function takeEarlyClick(id: string): boolean {
  const store = window as unknown as Record<string, unknown>;
  if (store[STORE] !== id) return false;
  delete store[STORE];
  return true;
}
