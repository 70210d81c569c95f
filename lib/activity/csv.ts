/**
 * CSV (RFC 4180) with a UTF-8 byte-order mark, so that Excel opens Chinese
 * text correctly. Cells that a spreadsheet would run as a formula (=, +, -, @
 * at the start) are prefixed with an apostrophe.
 */
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
