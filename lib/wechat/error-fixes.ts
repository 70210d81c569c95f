/**
 * Who can act on a WeChat error, and where in the product (or outside it) the fix is made: what the
 * "explain this error" view adds to the catalog's explanation. Pure and browser-safe.
 */

/** Who can fix it. */
export type Fixer =
  /** Whoever edits rules here (operator or admin): the rule's own values. */
  | "operator"
  /** An admin of this console: the account's credentials, the platform's settings. */
  | "admin"
  /** The Mini Program's or Service Account's owner, in WeChat's own console. */
  | "owner"
  /** The merchant's admin, by authorizing the platform again. */
  | "merchant"
  /** Nobody: the product retries, or it passes with time. */
  | "wait"
  /** Nobody can: WeChat does not offer it to this account. */
  | "nobody"
  /** The product's maintainers (a request the product should never send). */
  | "maintainers";

/** Where the fix is made. */
export type FixPlace =
  "rules" | "accounts" | "settings" | "activity" | "wechatConsole" | "openPlatform" | null;

const FIXES: Record<number, { who: Fixer; where: FixPlace }> = {
  [-1]: { who: "wait", where: "rules" },
  886001: { who: "wait", where: "rules" },
  40001: { who: "wait", where: null },
  42001: { who: "wait", where: null },
  40013: { who: "admin", where: "accounts" },
  40125: { who: "admin", where: "accounts" },
  40243: { who: "owner", where: "wechatConsole" },
  40164: { who: "owner", where: "wechatConsole" },
  40097: { who: "operator", where: "rules" },
  40166: { who: "owner", where: "wechatConsole" },
  44002: { who: "maintainers", where: null },
  44990: { who: "wait", where: null },
  44993: { who: "wait", where: null },
  45009: { who: "owner", where: "wechatConsole" },
  48001: { who: "admin", where: "accounts" },
  61003: { who: "merchant", where: "accounts" },
  61004: { who: "admin", where: "openPlatform" },
  61005: { who: "wait", where: "settings" },
  61006: { who: "wait", where: "settings" },
  61007: { who: "merchant", where: "accounts" },
  61009: { who: "admin", where: "accounts" },
  61010: { who: "admin", where: "accounts" },
  61011: { who: "admin", where: "settings" },
  61023: { who: "merchant", where: "accounts" },
  61024: { who: "admin", where: "settings" },
  76001: { who: "operator", where: "activity" },
  76002: { who: "operator", where: "activity" },
  76003: { who: "operator", where: "activity" },
  85066: { who: "operator", where: "rules" },
  85068: { who: "operator", where: "rules" },
  85069: { who: "operator", where: "rules" },
  85070: { who: "operator", where: "rules" },
  85071: { who: "operator", where: "rules" },
  85072: { who: "operator", where: "rules" },
  85073: { who: "operator", where: "rules" },
  85074: { who: "owner", where: "wechatConsole" },
  85075: { who: "nobody", where: null },
  85076: { who: "owner", where: null },
  85095: { who: "operator", where: "rules" },
  886000: { who: "wait", where: null },
};

/** Who can fix `errcode` and where; an unknown code goes to WeChat support through its rid. */
export function fixOf(errcode: number | null): { who: Fixer; where: FixPlace } {
  if (errcode === null) return { who: "wait", where: "activity" };
  return FIXES[errcode] ?? { who: "maintainers", where: "activity" };
}

/** The place's address: inside the product, or WeChat's console. */
export function fixPlaceHref(where: FixPlace, accountId?: string): string | null {
  switch (where) {
    case "rules":
      return accountId ? `/rules/${encodeURIComponent(accountId)}` : "/rules";
    case "accounts":
      return "/accounts";
    case "settings":
      return "/settings";
    case "activity":
      return "/activity?view=log";
    case "wechatConsole":
      return "https://mp.weixin.qq.com/";
    case "openPlatform":
      return "https://open.weixin.qq.com/";
    default:
      return null;
  }
}
