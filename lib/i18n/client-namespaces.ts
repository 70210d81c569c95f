/**
 * Which message namespaces reach the browser where. The root layout passes only what the signed-out pages
 * (sign-in, set password), the shell's menus, the toaster and form validation read; the dashboard's layout
 * passes every catalog to what it renders. A nested provider replaces its parent's messages, so the
 * dashboard's set includes these.
 */
export const SIGNED_OUT_NAMESPACES = [
  "common",
  "shell",
  "nav",
  "languages",
  "toaster",
  "validation",
  "auth",
  "setPassword",
  "actionErrors",
  "wechatFailure",
  "explain",
  "pages",
] as const;

export function pickNamespaces<M extends Record<string, unknown>>(
  messages: M,
  namespaces: readonly string[],
): Partial<M> {
  return Object.fromEntries(
    namespaces.filter((name) => name in messages).map((name) => [name, messages[name]]),
  ) as Partial<M>;
}
