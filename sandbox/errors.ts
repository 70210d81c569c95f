/** errmsg texts the sandbox answers with, close to WeChat's own wording. */
export const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40001: "invalid credential, access_token is invalid or not latest",
  40002: "invalid grant_type",
  40013: "invalid appid",
  40066: "invalid url",
  40097: "invalid args",
  40125: "invalid appsecret",
  40164: "invalid ip, not in whitelist",
  40166: "invalid appid",
  40243: "AppSecret已被冻结，请登录小程序平台解冻后再次调用",
  41001: "access_token missing",
  41002: "appid missing",
  41004: "appsecret missing",
  42001: "access_token expired",
  43002: "require POST method",
  44002: "empty post data",
  44990: "api freq out of limit",
  45002: "content size out of limit",
  45009: "reach max api daily quota limit",
  45011: "api minute-quota reach limit, mustslower retry next minute",
  47001: "data format error",
  48001: "api unauthorized",
  61007: "api is unauthorized to component",
  76001: "rid not found",
  76003: "rid does not belong to this appid",
  85066: "link error",
  85068: "test url is not the sub prefix",
  85069: "check confirm file fail",
  85070: "link in black list",
  85071: "already add rule",
  85072: "link has been occupied",
  85073: "rule number exceed limit",
  85074: "not published",
  85075: "personal app can not use this feature",
  85076: "check icp fail",
  85095: "rule data abnormal",
  886000: "publish quota exceeded",
  886001: "system busy",
};

export function errmsgFor(errcode: number): string {
  return ERRMSG[errcode] ?? "unknown error";
}

/** Thrown by request handlers to answer with a WeChat error. */
export class WeChatFailure extends Error {
  constructor(readonly errcode: number) {
    super(errmsgFor(errcode));
  }
}

export function fail(errcode: number): never {
  throw new WeChatFailure(errcode);
}
