import "server-only";

import ExcelJS from "exceljs";

import { toCsv } from "@/lib/activity/csv";
import { cellsOf, headersOf, jsonOf } from "@/lib/changesets/columns";
import type { DesiredRule, ImportFormat } from "@/lib/changesets/contract";
import type { Locale } from "@/lib/i18n/config";
import type { RuleKind } from "@/lib/wechat/match";

export const CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

/**
 * A rules file of `kind` in `format`, headers and words in `locale`: what export gives and import
 * reads back unchanged. CSV starts with a BOM, so Excel opens it as UTF-8.
 */
export async function writeRulesFile(
  kind: RuleKind,
  format: ImportFormat,
  rules: DesiredRule[],
  locale: Locale,
  meta: { appid: string },
): Promise<Uint8Array> {
  if (format === "json") {
    const body = { account: meta.appid, kind, rules: rules.map(jsonOf) };
    return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
  }
  const table = [headersOf(kind, locale), ...rules.map((rule) => cellsOf(rule, locale))];
  if (format === "csv") return new TextEncoder().encode(toCsv(table));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind === "A" ? "rules" : "qrcode-rules");
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 48 : 24;
    // Every cell is text: Excel must not read an AppID or a path as a number or a date.
    column.numFmt = "@";
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
