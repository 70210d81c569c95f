/**
 * WeChat's error codes as the sandbox answers them, with errmsg texts close to WeChat's own —
 * odd ones included (REFERENCE §2): 886000 and 85076 come with an empty errmsg (just the rid),
 * 85066 with a Chinese tag. A client must decide on errcode alone.
 */
import type { z } from "zod";

const ERRMSG: Record<number, string> = {
  0: "ok",
  [-1]: "system error",
  40001: "invalid credential, access_token is invalid or not latest",
  40002: "invalid grant_type",
  40013: "invalid appid",
  40066: "invalid url",
  40097: "invalid args",
  40125: "invalid appsecret",
  40164: "invalid ip, not in whitelist",
  40166: "invalid appid",
  40243: "AppSecret is frozen",
  41001: "access_token missing",
  41002: "appid missing",
  41004: "appsecret missing",
  42001: "access_token expired",
  43001: "require GET method",
  43002: "require POST method",
  44002: "empty post data",
  44990: "api freq out of limit",
  44993: "api daily quota reached, please try again tomorrow",
  45002: "content size out of limit",
  45009: "reach max api daily quota limit",
  45011: "api minute-quota reach limit  mustslower  retry next minute",
  47001: "data format error",
  48001: "api unauthorized",
  61003: "component is not authorized by this account",
  61004: "access clientip is not registered",
  61005: "component ticket is expired",
  61006: "component ticket is invalid",
  61007: "api is unauthorized to component",
  61009: "code is invalid",
  61010: "code is expired",
  61011: "invalid component",
  61023: "refresh_token is invalid",
  61024: "must use api(api_component_token) to get token for component acct",
  76001: "rid not found",
  76002: "rid is error",
  76003: "could not query this rid,no permission",
  85066: "【规则设置】illegal prefix",
  85068: "test url is not the sub prefix",
  85069: "check confirm file fail",
  85070: "url hit blacklist",
  85071: "link repeated",
  85072: "link has been occupied",
  85073: "rule number exceeds limit",
  85074: "mini program not released",
  85075: "personal mini program can not set rule",
  85076: "",
  85095: "rule data abnormal",
  886000: "",
  886001: "system busy",
};

export function errmsgFor(errcode: number): string {
  return ERRMSG[errcode] ?? "unknown error";
}

/** Thrown while handling a call to answer with a WeChat error; `detail` replaces the stock errmsg. */
export class WeChatFailure extends Error {
  constructor(
    readonly errcode: number,
    detail?: string,
  ) {
    super(detail ?? errmsgFor(errcode));
  }
}

export function fail(errcode: number, detail?: string): never {
  throw new WeChatFailure(errcode, detail);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Parses a request body with a schema, answering like WeChat: a field of the
 * wrong JSON type is a format error (47001); a missing field, a value out of
 * range or one not among the allowed values is an invalid argument (40097).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const value = valueAt(body, issue.path);
    if (value === undefined) continue;
    let expected: string | null = null;
    if (issue.code === "invalid_type") expected = issue.expected === "int" ? "number" : issue.expected;
    else if (issue.code === "invalid_value" && issue.values.length > 0) expected = jsonType(issue.values[0]);
    if (expected !== null && expected !== jsonType(value)) fail(47001);
  }
  return fail(40097);
}
