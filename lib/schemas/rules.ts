/**
 * Adding and editing QR-code jump rules: one schema per rule kind, used by the
 * forms as the operator types and by the server actions. Messages are i18n
 * keys under `validation`. Prefixes and test links are judged by
 * `lib/wechat/match.ts`, the one matching implementation. Nothing is trimmed:
 * WeChat compares URLs as strings, so a stray space is an error, not a fix.
 */
import { z } from "zod";

import {
  type LinkMismatch,
  MAX_TEST_LINKS,
  type PrefixProblem,
  type RuleKind,
  checkPrefix,
  matchTestLink,
  split,
} from "../wechat/match";
import { isStorableText } from "../storable";
import { APPID_PATTERN } from "../wechat/ids";
import { text } from "./text";

/** WeChat documents no limit for `path`; this keeps absurd input out. */
export const MAX_PAGE_PATH_LENGTH = 256;

const WHITESPACE = /\s/;
// The same ranges `checkPrefix` reports as fullWidth: characters an input method slips in.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3001-\u303F\uFFE0-\uFFE6]/;

export type PagePathProblem = "empty" | "tooLong" | "whitespace" | "fullWidth" | "leadingSlash" | "query";

/** What is wrong with a Mini Program page path (`pages/index/index`), worst first; null when nothing. */
export function pagePathProblem(path: string): PagePathProblem | null {
  if (path.length === 0) return "empty";
  if (path.length > MAX_PAGE_PATH_LENGTH) return "tooLong";
  if (WHITESPACE.test(path)) return "whitespace";
  if (FULL_WIDTH.test(path)) return "fullWidth";
  if (path.startsWith("/")) return "leadingSlash";
  if (path.includes("?")) return "query";
  return null;
}

/** The message key for a prefix problem. */
export function prefixProblemKey(problem: PrefixProblem): `rule.prefix.${PrefixProblem}` {
  return `rule.prefix.${problem}`;
}

/** The message keys a test link can get. */
export type TestLinkMessageKey =
  | "rule.debugUrl.empty"
  | "rule.debugUrl.whitespace"
  | `rule.debugUrl.${LinkMismatch}`
  | "rule.debugUrl.pathNoSlash"
  | "rule.debugUrl.pathLonger";

/** A URL's path, without its query or fragment. */
function pathOf(url: string): string {
  return split(url)?.path ?? "";
}

/**
 * The message key for a test link the prefix does not cover. A path mismatch
 * under a prefix without a trailing "/" gets its own message: when the link
 * lies under the prefix's path the fix is a "/" at the prefix's end; when the
 * link only lengthens the prefix's last segment (`/x` and `/xy`), a "/" would
 * not help, and the message says they are different paths.
 */
export function linkReasonKey(reason: LinkMismatch, prefix: string, link: string): TestLinkMessageKey {
  if (reason !== "path" || !checkPrefix(prefix, "A").hints.includes("noTrailingSlash"))
    return `rule.debugUrl.${reason}`;
  const [prefixPath, linkPath] = [pathOf(prefix), pathOf(link)];
  if (linkPath.startsWith(`${prefixPath}/`)) return "rule.debugUrl.pathNoSlash";
  return linkPath.startsWith(prefixPath) ? "rule.debugUrl.pathLonger" : `rule.debugUrl.${reason}`;
}

/**
 * What is wrong with one test link of a rule, or null. Links are matched
 * against the prefix only when the prefix itself is valid: otherwise every
 * link would repeat the prefix's problem.
 */
export function testLinkProblem(prefix: string, link: string): TestLinkMessageKey | null {
  if (link.length === 0) return "rule.debugUrl.empty";
  if (WHITESPACE.test(link)) return "rule.debugUrl.whitespace";
  if (!checkPrefix(prefix, "A").ok) return null;
  const match = matchTestLink(prefix, link);
  return match.ok ? null : linkReasonKey(match.reason, prefix, link);
}

function prefixField(kind: RuleKind) {
  return text("rule.prefix.empty").superRefine((prefix, ctx) => {
    const [problem] = checkPrefix(prefix, kind).problems;
    if (problem) ctx.addIssue({ code: "custom", message: prefixProblemKey(problem) });
  });
}

const pagePathField = text("rule.path.empty").superRefine((path, ctx) => {
  const problem = pagePathProblem(path);
  if (problem) ctx.addIssue({ code: "custom", message: `rule.path.${problem}` });
});

const typeAShape = {
  prefix: prefixField("A"),
  permitSubRule: z.literal([1, 2], "rule.choice"),
  path: pagePathField,
  openVersion: z.literal([1, 2, 3], "rule.choice"),
  debugUrls: z
    .array(text("rule.debugUrl.empty"), "rule.invalid")
    .max(MAX_TEST_LINKS, "rule.debugUrl.tooMany"),
};

const typeBShape = {
  prefix: prefixField("B"),
  appid: text("rule.appid.empty")
    .min(1, { error: "rule.appid.empty", abort: true })
    .regex(APPID_PATTERN, "rule.appid.format"),
  path: pagePathField,
};

const saveShape = {
  accountId: z.uuid("rule.invalid"),
  mode: z.enum(["add", "edit"], "rule.invalid"),
  /** The operator confirmed the replace an edit needs (`lib/rules/replace-plan.ts`). */
  confirmReplace: z.boolean("rule.invalid").optional(),
};

function hasTestLinks(value: unknown): value is { prefix: string; debugUrls: string[] } {
  if (typeof value !== "object" || value === null) return false;
  const { prefix, debugUrls } = value as Record<string, unknown>;
  return (
    typeof prefix === "string" &&
    Array.isArray(debugUrls) &&
    debugUrls.every((link: unknown) => typeof link === "string")
  );
}

/**
 * Puts each test link's problem on that link (`debugUrls.<i>`), where the
 * form shows it and where the server reports 85068.
 */
function refineTestLinks(value: { prefix: string; debugUrls: string[] }, ctx: z.RefinementCtx) {
  value.debugUrls.forEach((link, index) => {
    // Its own field error already says why; a match against the prefix would only add noise.
    if (!isStorableText(link)) return;
    const problem = testLinkProblem(value.prefix, link);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["debugUrls", index] });
  });
}

// By default zod skips an object's refinements once any field has an issue; test links must
// still be judged while, say, the page path is empty, so run whenever the inputs are well-typed.
const testLinkParams = { when: (payload: z.core.ParsePayload) => hasTestLinks(payload.value) };

/** A type-A rule (scan an ordinary link's QR code to open the Mini Program) as the form edits it. */
export const typeARuleSchema = z.object(typeAShape).superRefine(refineTestLinks, testLinkParams);

/** A type-B rule (scan a Service Account QR code to open a linked Mini Program) as the form edits it. */
export const typeBRuleSchema = z.object(typeBShape);

/** The input of `saveTypeARule`: the rule, the account it belongs to, and whether it is new. */
export const saveTypeAInput = z
  .object({ ...typeAShape, ...saveShape })
  .superRefine(refineTestLinks, testLinkParams);

/** The input of `saveTypeBRule`; an edit that changes the Mini Program names the one it opened before. */
export const saveTypeBInput = z.object({
  ...typeBShape,
  ...saveShape,
  fromAppid: text("rule.invalid").regex(APPID_PATTERN, "rule.invalid").optional(),
});

/** The input of the actions on one account as a whole (sync, the verification file). */
export const accountInput = z.object({ accountId: saveShape.accountId }, "rule.invalid");

/**
 * The input of `preflightVerification`: the type-A prefix whose verification file address is checked,
 * judged as the type-A form judges it (the address is computed from a valid prefix only).
 */
export const preflightVerificationInput = z.object(
  { accountId: saveShape.accountId, prefix: prefixField("A") },
  "rule.invalid",
);

/** The rule named for `publishRule` and `deleteRule`: type B also names its Mini Program. */
export const ruleActionInput = z.object(
  {
    accountId: saveShape.accountId,
    rule: z.object(
      {
        prefix: text("rule.invalid").min(1, "rule.invalid").max(1024, "rule.invalid"),
        targetAppid: text("rule.invalid").regex(APPID_PATTERN, "rule.invalid").optional(),
      },
      "rule.invalid",
    ),
  },
  "rule.invalid",
);

export type TypeARuleValues = z.output<typeof typeARuleSchema>;
export type TypeBRuleValues = z.output<typeof typeBRuleSchema>;
export type TypeARuleFormInput = z.input<typeof typeARuleSchema>;
export type TypeBRuleFormInput = z.input<typeof typeBRuleSchema>;
export type SaveTypeAInput = z.input<typeof saveTypeAInput>;
export type SaveTypeBInput = z.input<typeof saveTypeBInput>;
export type PreflightVerificationInput = z.input<typeof preflightVerificationInput>;
