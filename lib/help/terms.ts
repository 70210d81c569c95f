/**
 * The WeChat terms the console explains where they appear (a "?" beside the label), and WeChat's own example
 * of each. The explanations are the `help` messages; the examples are WeChat's text, the same in every
 * language, so they live here once.
 */

export const HELP_TERMS = [
  "prefix",
  "serviceAccountQr",
  "occupySubRules",
  "testScope",
  "testLinks",
  "publishQuota",
  "verificationFile",
] as const;

export type HelpTerm = (typeof HELP_TERMS)[number];

/** What a line of an example is, as its caption says (`help.captions.<caption>`). */
export type ExampleCaption =
  "rule" | "scanned" | "page" | "qrCode" | "occupying" | "refused" | "testLink" | "field" | "file";

export interface ExampleLine {
  caption: ExampleCaption;
  /** Shown as written, in monospace. */
  code: string;
}

/** WeChat's example request (the qrcodejumpadd page, 5.1): a rule, its page and its test links. */
export const WECHAT_EXAMPLE_RULE = {
  prefix: "https://weixin.qq.com/qrcodejump",
  path: "pages/index/index",
  openVersion: 1,
  debugUrls: ["https://weixin.qq.com/qrcodejump?a=1", "https://weixin.qq.com/qrcodejump?a=2"],
} as const;

/** WeChat's example of a Service Account QR code link (the qrcodejumpadd page, the prefix field). */
export const WECHAT_EXAMPLE_QR_CODE = "http://weixin.qq.com/q/02P5KzM_xxxxx";

/**
 * WeChat's guide to "scan an ordinary link QR code to open a Mini Program": a rule that occupies its
 * sub-rules keeps other accounts from adding one under it; its example rules, one with a directory.
 */
export const WECHAT_EXAMPLE_OCCUPY = {
  occupying: "https://wx.qq.com/mp?id=123",
  refused: "https://wx.qq.com/mp?id=1234",
} as const;
export const WECHAT_EXAMPLE_DIRECTORY_RULE = "https://wx.qq.com/mp/";

/** A verification file's name as WeChat's examples write unknown values (the file's real name differs). */
export const EXAMPLE_FILE_NAME = "xxxxxx.txt";

/** The example shown under each term's explanation. */
export const TERM_EXAMPLES: Record<HelpTerm, readonly ExampleLine[]> = {
  prefix: [
    { caption: "rule", code: WECHAT_EXAMPLE_RULE.prefix },
    { caption: "scanned", code: WECHAT_EXAMPLE_RULE.debugUrls[0] },
    { caption: "page", code: WECHAT_EXAMPLE_RULE.path },
  ],
  serviceAccountQr: [
    { caption: "qrCode", code: WECHAT_EXAMPLE_QR_CODE },
    { caption: "page", code: WECHAT_EXAMPLE_RULE.path },
  ],
  occupySubRules: [
    { caption: "occupying", code: WECHAT_EXAMPLE_OCCUPY.occupying },
    { caption: "refused", code: WECHAT_EXAMPLE_OCCUPY.refused },
  ],
  testScope: [{ caption: "field", code: `"open_version": ${WECHAT_EXAMPLE_RULE.openVersion}` }],
  testLinks: [
    { caption: "rule", code: WECHAT_EXAMPLE_RULE.prefix },
    ...WECHAT_EXAMPLE_RULE.debugUrls.map((code) => ({ caption: "testLink" as const, code })),
  ],
  publishQuota: [{ caption: "field", code: "qrcodejump_pub_quota" }],
  verificationFile: [
    { caption: "rule", code: WECHAT_EXAMPLE_DIRECTORY_RULE },
    { caption: "file", code: `${WECHAT_EXAMPLE_DIRECTORY_RULE}${EXAMPLE_FILE_NAME}` },
  ],
};
