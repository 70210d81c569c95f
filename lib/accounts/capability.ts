/**
 * Whether an account can use QR-code jump rules, from one `qrcodejumpget` (and, for a Mini
 * Program, one `qrcodejumpdownload`): what the capability check found and, in words, the fix.
 * Shared by the server (which probes) and the browser (which shows it).
 */
import type { AccountKind } from "../rules/contract";

export type CapabilityStatus =
  /** Both calls worked and the feature is on. */
  | "ready"
  /** 48001: a token of the wrong kind (a Mini Program's own token, where a platform's authorizer token is needed). */
  | "wrong-token"
  /** 61007: the platform lacks a permission set (18 for Mini Programs, 3 for Service Accounts). */
  | "missing-permission"
  /** 85075: a personal Mini Program cannot use the feature. */
  | "personal"
  /** WeChat answered, with the feature switched off for the account. */
  | "feature-off"
  /** The AppID or AppSecret (or the platform's authorization) is not accepted: no token. */
  | "credentials"
  /** The server's IP is not on the account's whitelist. */
  | "not-whitelisted"
  /** A Service Account with no linked Mini Program: nothing to ask WeChat about. */
  | "no-linked-mini-program"
  /** Anything else: WeChat's errcode, or no answer. */
  | "error";

export interface Capability {
  status: CapabilityStatus;
  /** The errcode that decided it, when one did. */
  errcode: number | null;
  /** For missing-permission: the set to ask the merchant for. */
  missingSet: 3 | 18 | null;
  /** ISO time of the check. */
  checkedAt: string;
}

/** What one probe call came to: an answer, WeChat's errcode, or no answer (null). */
export type ProbeResult = { ok: true; featureOpen?: boolean } | { ok: false; errcode: number | null };

const CREDENTIALS = new Set([40001, 40013, 40125, 40243, 42001, 61003, 61005, 61006]);
const WHITELIST = new Set([40164, 61004]);

/** The permission set a kind's rule calls need from a third-party platform (REFERENCE §5). */
export function permissionSetFor(kind: AccountKind): 3 | 18 {
  return kind === "miniprogram" ? 18 : 3;
}

/**
 * Classifies an account from its probes, the first failing probe deciding. Token kind is judged
 * before permissions: WeChat answers 48001 for a wrong token kind and sometimes for a missing set,
 * while 61007 always means a missing set.
 */
export function classifyCapability(
  kind: AccountKind,
  probes: ProbeResult[],
): Pick<Capability, "status" | "errcode" | "missingSet"> {
  for (const probe of probes) {
    if (probe.ok) continue;
    const { errcode } = probe;
    if (errcode === 48001) return { status: "wrong-token", errcode, missingSet: null };
    if (errcode === 61007)
      return { status: "missing-permission", errcode, missingSet: permissionSetFor(kind) };
    if (errcode === 85075) return { status: "personal", errcode, missingSet: null };
    if (errcode !== null && CREDENTIALS.has(errcode))
      return { status: "credentials", errcode, missingSet: null };
    if (errcode !== null && WHITELIST.has(errcode))
      return { status: "not-whitelisted", errcode, missingSet: null };
    return { status: "error", errcode, missingSet: null };
  }
  if (probes.some((probe) => probe.ok && probe.featureOpen === false))
    return { status: "feature-off", errcode: null, missingSet: null };
  return { status: "ready", errcode: null, missingSet: null };
}
