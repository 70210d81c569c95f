/**
 * The columns of a rules file (CSV, XLSX, JSON) for each rule kind, with their headers in both
 * languages and the words their values take, so a file exported in Chinese and edited in Excel
 * imports again, and so does one an operator writes by hand in either language.
 */
import type { RuleKind } from "../wechat/match";
import type { Locale } from "../i18n/config";
import type { DesiredRule } from "./contract";

export type ColumnKey =
  "prefix" | "appid" | "path" | "permitSubRule" | "openVersion" | "debugUrls" | "published";

interface Column {
  key: ColumnKey;
  header: Record<Locale, string>;
  /** Other names the column is known by (WeChat's field names, older exports). */
  aliases: string[];
  required: boolean;
}

const prefix: Column = {
  key: "prefix",
  header: { en: "Prefix", "zh-CN": "二维码规则" },
  aliases: ["prefix", "规则前缀", "前缀"],
  required: true,
};
const path: Column = {
  key: "path",
  header: { en: "Page path", "zh-CN": "小程序页面" },
  aliases: ["path", "page", "页面路径", "小程序功能页面"],
  required: true,
};
const published: Column = {
  key: "published",
  header: { en: "Published", "zh-CN": "已发布" },
  aliases: ["published", "state", "发布", "状态"],
  required: false,
};

export const COLUMNS: Record<RuleKind, Column[]> = {
  A: [
    prefix,
    path,
    {
      key: "permitSubRule",
      header: { en: "Occupy prefix", "zh-CN": "独占前缀" },
      aliases: ["permit_sub_rule", "permitSubRule", "occupy", "独占"],
      required: false,
    },
    {
      key: "openVersion",
      header: { en: "Test scope", "zh-CN": "测试范围" },
      aliases: ["open_version", "openVersion", "scope"],
      required: false,
    },
    {
      key: "debugUrls",
      header: { en: "Test links", "zh-CN": "测试链接" },
      aliases: ["debug_url", "debugUrls", "test links", "测试地址"],
      required: false,
    },
    published,
  ],
  B: [
    prefix,
    {
      key: "appid",
      header: { en: "Mini Program AppID", "zh-CN": "小程序 AppID" },
      aliases: ["appid", "app id", "小程序appid", "小程序"],
      required: true,
    },
    path,
    published,
  ],
};

const normal = (header: string) => header.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");

/** The column a header names (in either language, or by an alias), or null. */
export function columnOf(kind: RuleKind, header: string): ColumnKey | null {
  const wanted = normal(header);
  for (const column of COLUMNS[kind]) {
    const names = [column.header.en, column.header["zh-CN"], column.key, ...column.aliases].map(normal);
    if (names.includes(wanted)) return column.key;
  }
  return null;
}

const YES: Record<Locale, string> = { en: "yes", "zh-CN": "是" };
const NO: Record<Locale, string> = { en: "no", "zh-CN": "否" };
const SCOPES: Record<Locale, [string, string, string]> = {
  en: ["develop", "trial", "release"],
  "zh-CN": ["开发版", "体验版", "正式版"],
};

/** A yes/no cell: true, false, or null when it is neither (empty counts as `fallback`). */
export function readYesNo(cell: string, fallback: boolean): boolean | null {
  const value = normal(cell);
  if (value === "") return fallback;
  if (["yes", "y", "true", "1", "是", "已发布", "published"].includes(value)) return true;
  if (["no", "n", "false", "0", "否", "未发布", "unpublished"].includes(value)) return false;
  return null;
}

/** A test-scope cell: 1 develop, 2 trial, 3 release (empty: release), or null. */
export function readScope(cell: string): 1 | 2 | 3 | null {
  const value = normal(cell);
  if (value === "") return 3;
  for (const words of [SCOPES.en, SCOPES["zh-CN"], ["1", "2", "3"]]) {
    const index = words.indexOf(value);
    if (index >= 0) return (index + 1) as 1 | 2 | 3;
  }
  return null;
}

/** The cells of one rule in `locale`'s words, in COLUMNS order. */
export function cellsOf(rule: DesiredRule, locale: Locale): string[] {
  const yesNo = (value: boolean) => (value ? YES[locale] : NO[locale]);
  if (rule.kind === "B") return [rule.prefix, rule.appid, rule.path, yesNo(rule.published)];
  return [
    rule.prefix,
    rule.path,
    yesNo(rule.permitSubRule === 2),
    SCOPES[locale][rule.openVersion - 1] ?? "",
    rule.debugUrls.join("\n"),
    yesNo(rule.published),
  ];
}

/** The header row in `locale`. */
export function headersOf(kind: RuleKind, locale: Locale): string[] {
  return COLUMNS[kind].map((column) => column.header[locale]);
}

/** The object of one rule in a JSON file (WeChat-like field names, the same in every language). */
export function jsonOf(rule: DesiredRule): Record<string, unknown> {
  return rule.kind === "B"
    ? { prefix: rule.prefix, appid: rule.appid, path: rule.path, published: rule.published }
    : {
        prefix: rule.prefix,
        path: rule.path,
        permitSubRule: rule.permitSubRule,
        openVersion: rule.openVersion,
        debugUrls: rule.debugUrls,
        published: rule.published,
      };
}
