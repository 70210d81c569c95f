import "server-only";

import type { PreflightProblem } from "@/lib/verification/preflight-report";

/**
 * Whether a verification file's body is exactly the content WeChat expects, and if not, the most
 * specific reason: WeChat compares the bytes, so a BOM, a trailing newline or a zero-width character
 * added by an editor fails as surely as a login page does, and each needs a different fix.
 */

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Characters that render as nothing: controls other than tab, CR and LF, and format characters
 * (zero-width space and joiners, soft hyphen, direction marks, a BOM inside the text). */
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}]/gu;
const HTML_START = /^\s*<(?:!doctype\s+html|html|head|body|meta|title|script|link|div|!--)[\s>/]/i;
const SAMPLE_CHARS = 120;

export function judgeBody(body: Buffer, expected: string, contentType?: string): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  let text = body.toString("utf8");
  if (body.subarray(0, BOM.length).equals(BOM)) {
    problems.push({ code: "body_bom" });
    text = body.subarray(BOM.length).toString("utf8");
  }
  if (text === expected) return problems;

  const hidden = text.match(INVISIBLE);
  if (hidden && !new RegExp(INVISIBLE.source, "u").test(expected)) {
    const cleaned = text.replace(INVISIBLE, "");
    if (cleaned.trim() === expected.trim()) {
      problems.push({ code: "body_hidden_characters", codePoints: [...new Set(hidden)].map(codePoint) });
      text = cleaned;
      if (text === expected) return problems;
    }
  }

  if (text.trim() === expected.trim()) {
    problems.push({
      code: "body_whitespace",
      leading: text.slice(0, text.length - text.trimStart().length),
      trailing: text.slice(text.trimEnd().length),
    });
    return problems;
  }

  if (looksLikeHtml(text, contentType)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim().slice(0, SAMPLE_CHARS);
    problems.push({ code: "body_html", contentType, title: title || undefined, receivedBytes: body.length });
    return problems;
  }

  problems.push({
    code: "body_mismatch",
    received: text.slice(0, SAMPLE_CHARS),
    receivedBytes: body.length,
    expectedBytes: Buffer.byteLength(expected),
    differsAt: firstDifference(text, expected),
  });
  return problems;
}

/** `file_name_case` when the URL's last path segment is the file's name in other upper/lower case. */
export function judgeFileName(url: URL, expected: string): PreflightProblem[] {
  const segment = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  let actual = segment;
  try {
    actual = decodeURIComponent(segment);
  } catch {
    // A malformed escape is compared as written.
  }
  return actual !== expected && actual.toLowerCase() === expected.toLowerCase()
    ? [{ code: "file_name_case", expected, actual }]
    : [];
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (HTML_START.test(text) || /<html[\s>]/i.test(text)) return true;
  return /^text\/html\b/i.test(contentType ?? "") && /<[a-z!][^>]*>/i.test(text);
}

function firstDifference(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) if (a[index] !== b[index]) return index;
  return length;
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
