/**
 * What the Accounts and Operators pages (admins only) and the server exchange.
 * Browser-safe types: an AppSecret never crosses, only its last 4 characters.
 */
import type { Capability } from "../accounts/capability";
import type { Role } from "../roles";
import type { AccountKind } from "../rules/contract";

export type TokenMode = "stable" | "classic";

/** A WeChat account as the Accounts page shows it. */
export interface AccountAdminView {
  id: string;
  appid: string;
  kind: AccountKind;
  name: string;
  tokenMode: TokenMode;
  disabled: boolean;
  /** The last 4 characters of the AppSecret. */
  secretHint: string;
  /** Service Account: the Mini Programs its QR codes may open. */
  linkedMiniPrograms: string[];
  /** Rules in the local mirror (nothing at WeChat is touched when an account is deleted here). */
  mirroredRules: number;
  createdAt: string;
  /** The last capability check, or null before the first. */
  capability: Capability | null;
}

/** An operator as the Operators page shows it. */
export interface OperatorView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** The WeChat accounts given to an operator or viewer (admins have every account). */
  accountIds: string[];
  createdAt: string;
}

/** When an operator is created without a password, or a password is reset: a one-time link, shown once to the admin. */
export interface SetPasswordLink {
  url: string;
  /** ISO time after which the link no longer works. */
  expiresAt: string;
}

/** A signed-in session of an operator, as the Sessions dialog lists it. */
export interface OperatorSessionView {
  id: string;
  /** The browser's User-Agent at sign-in. */
  userAgent: string | null;
  /** Null unless a trusted proxy reports it (TRUST_PROXY). */
  ip: string | null;
  /** ISO times. */
  createdAt: string;
  lastSeenAt: string;
  /** The session the admin looking at the list is using. */
  current: boolean;
}
