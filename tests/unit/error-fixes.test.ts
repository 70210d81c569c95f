import { describe, expect, it } from "vitest";

import { ERROR_CATALOG } from "@/lib/wechat/error-catalog";
import { fixOf, fixPlaceHref } from "@/lib/wechat/error-fixes";

describe("who fixes a WeChat error, and where", () => {
  it("knows every code of the catalog", () => {
    for (const code of Object.keys(ERROR_CATALOG).map(Number))
      expect(fixOf(code).who === "maintainers" && code !== 44002, String(code)).toBe(false);
  });

  it("sends the rule's own errors to the rules page of the account, the credentials to Accounts", () => {
    expect(fixPlaceHref(fixOf(85069).where, "a1")).toBe("/rules/a1");
    expect(fixOf(40125)).toEqual({ who: "admin", where: "accounts" });
    expect(fixOf(85074)).toEqual({ who: "owner", where: "wechatConsole" });
    expect(fixPlaceHref(fixOf(85074).where)).toBe("https://mp.weixin.qq.com/");
  });

  it("takes an unknown code to the activity log, for its rid", () => {
    expect(fixOf(99999)).toEqual({ who: "maintainers", where: "activity" });
    expect(fixOf(null).where).toBe("activity");
  });
});
