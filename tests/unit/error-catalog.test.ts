import { describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import {
  BUSY_ERRCODES,
  ERROR_CATALOG,
  RATE_LIMITED,
  explainWeChatError,
  ridOf,
} from "@/lib/wechat/error-catalog";

// REFERENCE §6, every code.
const DOCUMENTED = [
  -1, 886001, 40001, 42001, 40013, 40125, 40164, 61004, 40243, 45009, 40097, 40166, 44002, 44990, 48001,
  61007, 85066, 85068, 85069, 85070, 85071, 85072, 85073, 85074, 85075, 85076, 85095, 886000, 44993, 76001,
  76002, 76003,
];

// The third-party platform's codes the sandbox answers as WeChat does (REFERENCE §5, sandbox/README.md).
const PLATFORM = [61003, 61004, 61005, 61006, 61007, 61009, 61010, 61011, 61023, 61024];

describe("the WeChat error catalog", () => {
  it("explains every documented code and every platform code in both languages", () => {
    for (const code of [...DOCUMENTED, ...PLATFORM]) {
      const entry = ERROR_CATALOG[code];
      expect(entry, String(code)).toBeDefined();
      for (const locale of ["zh-CN", "en"] as const) {
        const text = entry?.text[locale];
        expect(text?.title.trim(), `${code} ${locale}`).toBeTruthy();
        expect(text?.meaning.trim(), `${code} ${locale}`).toBeTruthy();
        expect(text?.action.trim(), `${code} ${locale}`).toBeTruthy();
      }
      expect(entry?.text["zh-CN"].title).not.toBe(entry?.text.en.title);
    }
  });

  it("marks the transient codes as worth retrying, and only those", () => {
    const retryable = [...DOCUMENTED, ...PLATFORM].filter((code) => ERROR_CATALOG[code]?.retryable);
    expect(retryable.sort()).toEqual([-1, 44990, 886001].sort());
  });

  it("derives the busy codes from the retryable ones: all but the rate limit", () => {
    expect([...BUSY_ERRCODES].sort()).toEqual([-1, 886001].sort());
    expect(ERROR_CATALOG[RATE_LIMITED]?.retryable).toBe(true);
  });

  it("blames the right field", () => {
    expect(ERROR_CATALOG[85068]?.field).toBe("debugUrl");
    for (const code of [85066, 85071, 85072, 85076, 85070]) expect(ERROR_CATALOG[code]?.field).toBe("prefix");
    expect(ERROR_CATALOG[40166]?.field).toBe("appid");
    expect(ERROR_CATALOG[40125]?.field).toBe("secret");
  });

  it("computes which test links 85068 is about", () => {
    const explanation = explainWeChatError(85068, "test url is not the sub prefix rid: 1-2-3", "en", {
      prefix: "https://a.example.com/x/",
      debugUrls: ["https://a.example.com/x/1", "https://a.example.com/y/2", "http://a.example.com/x/3"],
    });
    expect(explanation.offendingLinks).toEqual([1, 2]);
    expect(explanation.title).toBe("Test link not under the rule");
  });

  it("shows an unknown code with its raw errmsg, without the rid", () => {
    expect(explainWeChatError(99999, "something odd rid: 6745f3a1-1b2c3d4e-5f6a7b8c", "zh-CN")).toMatchObject(
      {
        known: false,
        title: "微信错误 99999",
        meaning: "something odd",
      },
    );
  });

  it("decides on the errcode alone and keeps an empty or odd errmsg raw", () => {
    // Seen from WeChat: 886000 and 85076 with nothing but the rid, 85066 with a console label in front.
    const empty = explainWeChatError(886000, " rid: 6745f3a1-1b2c3d4e-5f6a7b8c", "en");
    const worded = explainWeChatError(
      886000,
      "reach max publish count rid: 6745f3a1-1b2c3d4e-5f6a7b8c",
      "en",
    );
    expect(empty).toMatchObject({ known: true, title: "Monthly publish quota used up", raw: "" });
    expect({ ...worded, raw: "" }).toEqual(empty);
    expect(explainWeChatError(85076, " rid: 1-2-3", "zh-CN")).toMatchObject({ known: true, raw: "" });
    expect(explainWeChatError(85066, "【规则设置】illegal prefix rid: 1-2-3", "en")).toMatchObject({
      known: true,
      field: "prefix",
      raw: "【规则设置】illegal prefix",
    });
  });

  it("tells 48001 to check the token kind before the permission sets, and 61007 which set", () => {
    const unauthorized = explainWeChatError(48001, "api unauthorized rid: 1-2-3", "en");
    expect(unauthorized.title).toMatch(/token kind first, then the permission sets/);
    expect(unauthorized.action.indexOf("token kind")).toBeLessThan(
      unauthorized.action.indexOf("permission set"),
    );
    const missing = explainWeChatError(61007, "api is unauthorized to component rid: 1-2-3", "zh-CN");
    expect(missing.meaning).toContain("权限集 18");
    expect(missing.meaning).toContain("权限集 3");
  });

  it("finds the rid at the end of an errmsg", () => {
    expect(ridOf("invalid args rid: 6745f3a1-1b2c3d4e-5f6a7b8c")).toBe("6745f3a1-1b2c3d4e-5f6a7b8c");
    expect(ridOf("ok")).toBeNull();
  });

  it("names the Accounts page's authorization button as it reads, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const button = MESSAGES[locale].platform.authorize.open;
      for (const text of [
        ERROR_CATALOG[48001]?.text[locale].action,
        ERROR_CATALOG[61003]?.text[locale].action,
        MESSAGES[locale].capability.fix["wrong-token"],
      ])
        expect(text, locale).toContain(locale === "en" ? `Accounts → ${button}` : `账号页 →“${button}”`);
    }
  });
});
