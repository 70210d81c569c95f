import "server-only";

import ExcelJS from "exceljs";
import Papa from "papaparse";

import { COLUMNS, type ColumnKey, columnOf } from "@/lib/changesets/columns";
import { type ImportFormat, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/changesets/contract";
import type { RawRow } from "@/lib/changesets/rows";
import type { RuleKind } from "@/lib/wechat/match";

/** Why a file cannot be read, on the row and column to blame when there is one (keys under `changeSets.fileErrors`). */
export interface FileProblem {
  key:
    | "tooLarge"
    | "empty"
    | "format"
    | "encoding"
    | "csv"
    | "json"
    | "jsonShape"
    | "xlsx"
    | "missingColumns"
    | "unknownColumn"
    | "duplicateColumn"
    | "formula"
    | "tooManyRows";
  values?: Record<string, string>;
  /** 1-based row of the file (the header is row 1 in CSV and XLSX; the first rule is 1 in JSON). */
  row?: number;
  column?: string;
}

export class FileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(`rules file: ${problem.key}${problem.row ? ` at row ${problem.row}` : ""}`);
  }
}

export function formatOf(fileName: string): ImportFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === "csv" || extension === "xlsx" || extension === "json" ? extension : null;
}

/** Reads a rules file of `kind` into raw rows (cells by column), refusing what is not a clean rules file. */
export async function parseRulesFile(
  kind: RuleKind,
  format: ImportFormat,
  bytes: Uint8Array,
): Promise<RawRow[]> {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new FileError({ key: "tooLarge", values: { limit: `${MAX_IMPORT_BYTES / 1024 / 1024} MB` } });
  if (bytes.byteLength === 0) throw new FileError({ key: "empty" });
  const rows =
    format === "json"
      ? parseJson(kind, decode(bytes))
      : fromTable(kind, format === "csv" ? parseCsv(decode(bytes)) : await parseXlsx(bytes));
  if (rows.length === 0) throw new FileError({ key: "empty" });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new FileError({
      key: "tooManyRows",
      values: { limit: String(MAX_IMPORT_ROWS), rows: String(rows.length) },
    });
  return rows;
}

/** UTF-8, with or without the BOM Excel writes; anything else (GBK from an older Excel) is refused, not guessed. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FileError({ key: "encoding" });
  }
}

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const [error] = parsed.errors.filter((problem) => problem.code !== "UndetectableDelimiter");
  if (error)
    throw new FileError({ key: "csv", row: (error.row ?? 0) + 1, values: { reason: error.message } });
  return parsed.data;
}

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue, row: number, column: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) throw new FileError({ key: "formula", row, column });
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) throw new FileError({ key: "formula", row, column });
  }
  return String(value);
}

async function parseXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new FileError({ key: "xlsx" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileError({ key: "empty" });
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1)
    throw new FileError({
      key: "tooManyRows",
      values: { limit: String(MAX_IMPORT_ROWS), rows: String(sheet.rowCount - 1) },
    });
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell.value, rowNumber, cell.address.replace(/\d+$/, ""));
    });
    table[rowNumber - 1] = Array.from(cells, (cell) => cell ?? "");
  });
  return Array.from(table, (row) => row ?? []);
}

const letter = (index: number): string =>
  index < 26 ? String.fromCharCode(65 + index) : letter(Math.floor(index / 26) - 1) + letter(index % 26);

/** A table whose first non-empty row names the columns. */
function fromTable(kind: RuleKind, table: string[][]): RawRow[] {
  const headerIndex = table.findIndex((row) => row.some((cell) => cell.trim() !== ""));
  if (headerIndex < 0) throw new FileError({ key: "empty" });
  const header = table[headerIndex] ?? [];
  const columns: (ColumnKey | null)[] = [];
  header.forEach((name, index) => {
    if (name.trim() === "") return void (columns[index] = null);
    const key = columnOf(kind, name.replace(/^\uFEFF/, ""));
    if (!key)
      throw new FileError({
        key: "unknownColumn",
        row: headerIndex + 1,
        column: letter(index),
        values: { name, known: knownHeaders(kind) },
      });
    if (columns.includes(key))
      throw new FileError({
        key: "duplicateColumn",
        row: headerIndex + 1,
        column: letter(index),
        values: { name },
      });
    columns[index] = key;
  });
  checkRequired(kind, columns);
  const rows: RawRow[] = [];
  for (let index = headerIndex + 1; index < table.length; index++) {
    const row = table[index] ?? [];
    if (row.every((cell) => cell.trim() === "")) continue;
    const cells: RawRow["cells"] = {};
    row.forEach((cell, column) => {
      const key = columns[column];
      if (!key) return;
      if (cell.startsWith("="))
        throw new FileError({ key: "formula", row: index + 1, column: letter(column) });
      cells[key] = cell;
    });
    rows.push({ sourceRow: index + 1, cells });
  }
  return rows;
}

function knownHeaders(kind: RuleKind): string {
  return COLUMNS[kind].map((column) => `${column.header.en} / ${column.header["zh-CN"]}`).join(", ");
}

function checkRequired(kind: RuleKind, columns: (ColumnKey | null)[]): void {
  const missing = COLUMNS[kind].filter((column) => column.required && !columns.includes(column.key));
  if (missing.length > 0)
    throw new FileError({
      key: "missingColumns",
      row: 1,
      values: {
        columns: missing.map((column) => `${column.header.en} / ${column.header["zh-CN"]}`).join(", "),
      },
    });
}

/** `[{...}, ...]` or `{ "rules": [...] }` (what export writes), keys as the columns' names. */
function parseJson(kind: RuleKind, text: string): RawRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new FileError({ key: "json", values: { reason: error instanceof Error ? error.message : "" } });
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null && Array.isArray((value as { rules?: unknown }).rules)
      ? (value as { rules: unknown[] }).rules
      : null;
  if (!list) throw new FileError({ key: "jsonShape" });
  if (list.length > MAX_IMPORT_ROWS)
    throw new FileError({
      key: "tooManyRows",
      values: { limit: String(MAX_IMPORT_ROWS), rows: String(list.length) },
    });
  return list.map((entry, index) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      throw new FileError({ key: "jsonShape", row: index + 1 });
    const cells: RawRow["cells"] = {};
    for (const [name, cell] of Object.entries(entry)) {
      const key = columnOf(kind, name);
      if (!key)
        throw new FileError({
          key: "unknownColumn",
          row: index + 1,
          column: name,
          values: { name, known: knownHeaders(kind) },
        });
      if (typeof cell === "string" && cell.startsWith("="))
        throw new FileError({ key: "formula", row: index + 1, column: name });
      cells[key] = cell;
    }
    if (!("prefix" in cells)) checkRequired(kind, Object.keys(cells) as ColumnKey[]);
    return { sourceRow: index + 1, cells };
  });
}
