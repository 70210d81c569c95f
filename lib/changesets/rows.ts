/**
 * One row of a rules file, turned into the rule it asks for, judged by the same schemas as the
 * rule forms (so a row is refused for exactly the reasons the form would give).
 */
import { typeARuleSchema, typeBRuleSchema } from "../schemas/rules";
import type { RuleKind } from "../wechat/match";
import type { ColumnKey } from "./columns";
import { readScope, readYesNo } from "./columns";
import type { DesiredRule, RowProblem } from "./contract";

/** A row as a file gives it: cells by column (strings from CSV and XLSX; JSON may give typed values). */
export interface RawRow {
  sourceRow: number;
  cells: Partial<Record<ColumnKey, unknown>>;
}

export type ReadRow =
  | { ok: true; sourceRow: number; rule: DesiredRule }
  | { ok: false; sourceRow: number; prefix: string; targetAppid: string; problems: RowProblem[] };

const asText = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";

function links(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText);
  const text = asText(value);
  return text.trim() === "" ? [] : text.split(/[\r\n]+|\s{2,}|\s*[,，;；]\s*/).filter((link) => link !== "");
}

function flag(value: unknown, fallback: boolean): boolean | null {
  if (typeof value === "boolean") return value;
  return readYesNo(asText(value), fallback);
}

/** Turns a raw row into the rule it asks for, or the reasons it cannot be one. */
export function readRow(kind: RuleKind, raw: RawRow, accountAppid: string): ReadRow {
  const { cells } = raw;
  const problems: RowProblem[] = [];
  const published = flag(cells.published, false);
  if (published === null) problems.push({ field: "published", key: "changeSets.problems.yesNo" });
  const prefix = asText(cells.prefix);
  if (kind === "A") {
    const occupy = cells.permitSubRule;
    const permitSubRule =
      occupy === 1 || occupy === 2 ? occupy : ((b) => (b === null ? null : b ? 2 : 1))(flag(occupy, false));
    if (permitSubRule === null) problems.push({ field: "permitSubRule", key: "changeSets.problems.yesNo" });
    const scope = cells.openVersion;
    const openVersion = scope === 1 || scope === 2 || scope === 3 ? scope : readScope(asText(scope));
    if (openVersion === null) problems.push({ field: "openVersion", key: "changeSets.problems.scope" });
    const candidate = {
      prefix,
      path: asText(cells.path),
      permitSubRule: permitSubRule ?? 1,
      openVersion: openVersion ?? 3,
      debugUrls: links(cells.debugUrls),
    };
    const parsed = typeARuleSchema.safeParse(candidate);
    if (!parsed.success) problems.push(...issuesOf(parsed.error.issues));
    if (problems.length > 0 || !parsed.success)
      return { ok: false, sourceRow: raw.sourceRow, prefix, targetAppid: accountAppid, problems };
    return {
      ok: true,
      sourceRow: raw.sourceRow,
      rule: { kind: "A", ...parsed.data, published: published ?? false },
    };
  }
  const candidate = { prefix, appid: asText(cells.appid), path: asText(cells.path) };
  const parsed = typeBRuleSchema.safeParse(candidate);
  if (!parsed.success) problems.push(...issuesOf(parsed.error.issues));
  if (problems.length > 0 || !parsed.success)
    return { ok: false, sourceRow: raw.sourceRow, prefix, targetAppid: candidate.appid, problems };
  return {
    ok: true,
    sourceRow: raw.sourceRow,
    rule: { kind: "B", ...parsed.data, published: published ?? false },
  };
}

function issuesOf(issues: { path: PropertyKey[]; message: string }[]): RowProblem[] {
  return issues.map((issue) => ({
    field: String(issue.path[0] ?? "prefix"),
    key: `validation.${issue.message}`,
    ...(issue.path.length > 1 ? { values: { index: String(Number(issue.path[1]) + 1) } } : {}),
  }));
}
