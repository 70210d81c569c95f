/** The URLs of a CSV or text file: the column whose header says "url" (or whose cells are URLs), or its lines. */
export async function urlsOfFile(file: File): Promise<{ urls: string[]; column: string | null }> {
  const text = await file.text();
  const { default: Papa } = await import("papaparse");
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const rows = parsed.data.filter((row) => row.some((cell) => cell.trim() !== ""));
  const [header, ...body] = rows;
  if (!header) return { urls: [], column: null };
  const isUrl = (cell: string | undefined) => /^[a-z][a-z0-9+.-]*:\/\//i.test(cell?.trim() ?? "");
  if (header.length === 1 && rows.every((row) => isUrl(row[0]) || row === header))
    return { urls: rows.map((row) => row[0]?.trim() ?? "").filter(isUrl), column: null };
  const named = header.findIndex((cell) => /url|link|链接|网址/i.test(cell));
  const column = named >= 0 ? named : header.findIndex((_, index) => body.some((row) => isUrl(row[index])));
  if (column < 0) return { urls: [], column: null };
  const cells = (isUrl(header[column]) ? rows : body).map((row) => row[column]?.trim() ?? "");
  return { urls: cells.filter(isUrl), column: isUrl(header[column]) ? null : (header[column] ?? null) };
}
