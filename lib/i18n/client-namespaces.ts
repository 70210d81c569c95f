/**
 * Which message namespaces reach the browser where. Every catalog on every page would be about 95 kB of
 * JSON in each page's payload, parsed before the page can answer; each part of the app gets what its
 * client components read instead. A nested provider replaces its parent's messages, so each set below
 * includes the one it sits in. A name may be a namespace (`rules`) or a part of one (`rules.picker`).
 * tests/unit/client-namespaces.test.ts follows each route's imports and fails when a client component
 * reads a namespace its route does not pass.
 */

/** The signed-out pages (sign-in, set password), the shell's menus, the toaster and form validation. */
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

/** The dashboard's shell: the header's account picker, the navigation and the error page. */
export const DASHBOARD_NAMESPACES = [...SIGNED_OUT_NAMESPACES, "rules.picker", "rules.kind"] as const;

/** What each dashboard route adds to the shell's set, for its page, its loading state and its dialogs. */
export const ROUTE_NAMESPACES = {
  rules: [
    "capability",
    "changeSets",
    "dataTable",
    "help",
    "qrSheet",
    "ruleForm",
    "rules",
    "scan",
    "setup",
    "verification",
  ],
  activity: ["activity", "dataTable", "rules", "verification"],
  accounts: ["accountsAdmin", "capability", "platform"],
  operators: ["operatorsAdmin"],
  settings: ["platform", "settings"],
  simulate: ["scan"],
  changes: ["changeSets"],
  explain: [],
} as const satisfies Record<string, readonly string[]>;

export type DashboardRoute = keyof typeof ROUTE_NAMESPACES;

type Catalog = Record<string, unknown>;

const isCatalog = (value: unknown): value is Catalog =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The named namespaces (or parts of them) of `messages`, sharing their objects with it. */
export function pickNamespaces<M extends Catalog>(messages: M, names: readonly string[]): Partial<M> {
  const picked: Catalog = {};
  // Whole namespaces first, so a part of one already picked whole is not picked again.
  const ordered = [...names].sort((a, b) => a.split(".").length - b.split(".").length);
  for (const name of ordered) {
    const path = name.split(".");
    const value = path.reduce<unknown>((node, key) => (isCatalog(node) ? node[key] : undefined), messages);
    if (value === undefined) continue;
    let target = picked;
    let source: Catalog = messages;
    for (const key of path.slice(0, -1)) {
      const part = source[key] as Catalog;
      if (target[key] === part) break; // the whole of it is already there
      if (!isCatalog(target[key])) target[key] = {};
      target = target[key] as Catalog;
      source = part;
    }
    const last = path.at(-1)!;
    if (target[last] === undefined && source[last] === value) target[last] = value;
  }
  return picked as Partial<M>;
}
