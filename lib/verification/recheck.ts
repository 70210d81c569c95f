/**
 * The recheck of published Mini Program rules' verification files, as facts both sides share: how one
 * preflight report becomes a rule's outcome, when a change of outcome is worth an activity entry, what an
 * operator should do about it, and what the rules page and the activity overview are sent.
 */
import {
  type PreflightProblem,
  type PreflightProblemCode,
  type PreflightReport,
  isPreflightWarning,
} from "./preflight-report";

export const RECHECK_OUTCOMES = ["ok", "warning", "failed"] as const;
/** "warning": WeChat still accepts the file, but the certificate ends within the warning window. */
export type RecheckOutcome = (typeof RECHECK_OUTCOMES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Problems only the file itself shows: without its name and content they say nothing about the server. */
const FILE_PROBLEMS: ReadonlySet<PreflightProblemCode> = new Set<PreflightProblemCode>([
  "redirect",
  "status",
  "too_large",
  "body_bom",
  "body_whitespace",
  "body_hidden_characters",
  "body_html",
  "body_mismatch",
  "file_name_case",
]);

const CERTIFICATE_PROBLEMS: ReadonlySet<PreflightProblemCode> = new Set<PreflightProblemCode>([
  "tls_self_signed",
  "tls_expired",
  "tls_invalid",
  "tls_old_protocol",
]);

const UNREACHABLE: ReadonlySet<PreflightProblemCode> = new Set<PreflightProblemCode>([
  "invalid_url",
  "dns",
  "private_address",
  "connect",
  "timeout",
  "tls_handshake",
]);

export interface RecheckVerdict {
  outcome: RecheckOutcome;
  problems: PreflightProblem[];
  /** ISO time the server's certificate ends, when it presented one. */
  certNotAfter: string | null;
  /** Whole days until then (negative once it ended). */
  daysLeft: number | null;
}

/**
 * One rule's outcome from the preflight of its file's address. `fileKnown` false: the account's file is not
 * stored here, so its directory was fetched and only the server is judged (a 5xx still counts: the server
 * is broken whatever the file). The certificate is judged against `warnDays`, not the preflight's own
 * window. Warnings that WeChat shrugs off (plain http://, a slow answer) are kept but leave the rule "ok":
 * they were there when WeChat accepted the rule, and a daily alert about them would bury the real ones.
 */
export function recheckVerdict(
  report: PreflightReport,
  options: { fileKnown: boolean; warnDays: number; now: Date },
): RecheckVerdict {
  const certNotAfter = report.certExpiresAt ?? null;
  const daysLeft =
    certNotAfter === null ? null : Math.floor((Date.parse(certNotAfter) - options.now.getTime()) / DAY_MS);
  const problems = report.problems.filter(
    (problem) =>
      problem.code !== "cert_expiring" &&
      (options.fileKnown || !FILE_PROBLEMS.has(problem.code) || isServerError(problem)),
  );
  const certificateFails = problems.some((problem) => CERTIFICATE_PROBLEMS.has(problem.code));
  if (certNotAfter !== null && daysLeft !== null && !certificateFails && daysLeft < options.warnDays) {
    problems.push({ code: "cert_expiring", expiresAt: certNotAfter, daysLeft });
  }
  const outcome: RecheckOutcome = problems.some((problem) => !isPreflightWarning(problem))
    ? "failed"
    : problems.some((problem) => problem.code === "cert_expiring")
      ? "warning"
      : "ok";
  return { outcome, problems, certNotAfter, daysLeft };
}

function isServerError(problem: PreflightProblem): boolean {
  return problem.code === "status" && problem.status >= 500;
}

/**
 * Whether a rule's new outcome is news: it turned warning or failed (from ok, from the other one, or on its
 * first check), or it recovered. Nothing when it stays as it was, or when a rule is first seen passing.
 */
export function recheckChange(
  previous: RecheckOutcome | null,
  next: RecheckOutcome,
): "problem" | "recovered" | null {
  if (previous === next) return null;
  if (next === "ok") return previous === null ? null : "recovered";
  return "problem";
}

/** What the operator should do first, from the problems of a rule that is not ok. */
export type RecheckAdvice = "reachServer" | "fixCertificate" | "restoreFile" | "renewCertificate";

export function recheckAdvice(problems: readonly PreflightProblem[]): RecheckAdvice | null {
  const has = (test: (problem: PreflightProblem) => boolean) => problems.some(test);
  if (has((problem) => UNREACHABLE.has(problem.code) || isServerError(problem))) return "reachServer";
  if (has((problem) => CERTIFICATE_PROBLEMS.has(problem.code))) return "fixCertificate";
  if (has((problem) => FILE_PROBLEMS.has(problem.code))) return "restoreFile";
  if (has((problem) => problem.code === "cert_expiring")) return "renewCertificate";
  return null;
}

/** The problems a warning lists: what makes the rule warn or fail, not the warnings WeChat shrugs off. */
export function problemsToShow(problems: readonly PreflightProblem[]): PreflightProblem[] {
  return problems.filter((problem) => !isPreflightWarning(problem) || problem.code === "cert_expiring");
}

/** One rule's last recheck, as the rules page shows it. */
export interface VerificationCheckView {
  prefix: string;
  fileUrl: string;
  fileKnown: boolean;
  outcome: RecheckOutcome;
  /** ISO time. */
  checkedAt: string;
  problems: PreflightProblem[];
  certNotAfter: string | null;
  daysLeft: number | null;
}

/** An account's rechecks: when last run, how many rules, and those that are not ok (failed first). */
export interface AccountVerificationView {
  lastCheckedAt: string | null;
  checked: number;
  /** The account's published type-A rules in the mirror now: what the next recheck fetches. */
  published: number;
  attention: VerificationCheckView[];
}

/**
 * What the rules page shows of an account's rechecks: the warning when the last one found rules to act on;
 * a one-line status when it found none ("passed") or none has run yet ("unchecked"); nothing when the
 * account has no published rule, so nothing to check.
 */
export type VerificationNotice = "attention" | "passed" | "unchecked";

export function verificationNotice(view: AccountVerificationView): VerificationNotice | null {
  if (view.attention.length > 0 && view.lastCheckedAt !== null) return "attention";
  if (view.published === 0) return null;
  return view.lastCheckedAt !== null && view.checked > 0 ? "passed" : "unchecked";
}

/** One Mini Program in the activity overview's card: its last recheck, and its rules not ok then. */
export interface VerificationAccountState {
  id: string;
  name: string;
  appid: string;
  /** Rules rechecked (0: no recheck has found a published rule yet). */
  checked: number;
  lastCheckedAt: string | null;
  failed: number;
  warning: number;
}

/** The activity overview's card: every Mini Program the operator may see, by name. */
export interface VerificationOverview {
  accounts: VerificationAccountState[];
}

/** What the card shows, for every Mini Program or for the one the overview is filtered to. */
export interface VerificationOverviewScope {
  /** Set when the overview is filtered to this Mini Program. */
  account: VerificationAccountState | null;
  /** Mini Programs with at least one rechecked rule. */
  checkedAccounts: number;
  lastCheckedAt: string | null;
  /** The Mini Programs with rules that failed or expire soon. */
  attention: VerificationAccountState[];
}

/**
 * The card's scope: the verification state is a present state, not an event history, so the overview's time
 * range never applies; its account filter does. Null when the overview is filtered to an account that is no
 * Mini Program the operator may see (a Service Account has no verification file).
 */
export function verificationOverviewScope(
  overview: VerificationOverview,
  accountId: string | undefined,
): VerificationOverviewScope | null {
  const account =
    accountId === undefined ? null : overview.accounts.find((candidate) => candidate.id === accountId);
  if (account === undefined) return null;
  const accounts = account ? [account] : overview.accounts;
  const lastCheckedAt = accounts.reduce<string | null>(
    (latest, { lastCheckedAt: at }) =>
      at !== null && (latest === null || Date.parse(at) > Date.parse(latest)) ? at : latest,
    null,
  );
  return {
    account,
    checkedAccounts: accounts.filter((candidate) => candidate.checked > 0).length,
    lastCheckedAt,
    attention: accounts.filter((candidate) => candidate.failed + candidate.warning > 0),
  };
}
