/**
 * The guided set-up of one account: the steps a new operator takes from an added account to a first
 * published rule, each ticked by what the product can see. Pure and browser-safe.
 */
import type { CapabilityStatus } from "@/lib/accounts/capability";
import type { AccountKind, RuleSummary } from "@/lib/rules/contract";

export type SetupStepId = "capability" | "verification" | "firstRule" | "tested" | "published";

export type SetupStep = {
  id: SetupStepId;
  done: boolean;
};

/** What the operator marked in this browser: steps the product cannot see for itself. */
export interface SetupMarks {
  /** A preflight of the verification file's address passed. */
  verified: boolean;
  /** The operator scanned a test link (or a Service Account's QR code) with a phone and it opened. */
  tested: boolean;
  /** The operator closed the checklist. */
  dismissed: boolean;
}

/** Who can fix what stops an account from using the rules. */
export type CapabilityFixer = "admin" | "merchant" | "owner" | "nobody" | "later";

export const FIXER_OF: Record<Exclude<CapabilityStatus, "ready">, CapabilityFixer> = {
  "wrong-token": "admin",
  "missing-permission": "merchant",
  personal: "nobody",
  "feature-off": "owner",
  credentials: "admin",
  "not-whitelisted": "owner",
  "no-linked-mini-program": "owner",
  error: "later",
};

/**
 * The checklist's steps, in order. A Mini Program serves its verification file (ticked by a passing
 * check, or by any rule WeChat accepted, which it does only once the file is served); a Service
 * Account has no file. The first rule, the test and the publish follow.
 */
export function setupSteps(
  kind: AccountKind,
  summary: Pick<RuleSummary, "capability" | "ruleCount" | "publishedCount">,
  marks: Pick<SetupMarks, "verified" | "tested">,
): SetupStep[] {
  const published = summary.publishedCount > 0;
  const steps: SetupStep[] = [{ id: "capability", done: summary.capability?.status === "ready" }];
  if (kind === "miniprogram")
    steps.push({ id: "verification", done: marks.verified || summary.ruleCount > 0 });
  steps.push(
    { id: "firstRule", done: summary.ruleCount > 0 },
    // A published rule was scanned by someone, or can be; the mark says the operator did it.
    { id: "tested", done: marks.tested || published },
    { id: "published", done: published },
  );
  return steps;
}

/** The step to do now: the first not done. */
export function currentStep(steps: readonly SetupStep[]): SetupStepId | null {
  return steps.find((step) => !step.done)?.id ?? null;
}
