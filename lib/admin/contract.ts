/**
 * What the Accounts and Operators pages (admins only) and the server exchange.
 * Browser-safe types: an AppSecret never crosses, only its last 4 characters.
 */
import type { Capability } from "../accounts/capability";
import type { Role } from "../roles";
import type { AccountKind } from "../rules/contract";
import type { PermissionNeed } from "../wechat/permission-sets";

/** How an account with its AppSecret here gets its token. */
export type TokenMode = "stable" | "classic";

/** What a merchant granted when authorizing the account through the third-party platform. */
export interface PlatformAuthorizationView {
  /** The permission sets (func_info ids) granted, sorted. */
  permissionSets: number[];
  /** What the product's features need that the grant leaves out. */
  missing: PermissionNeed[];
  /** api_get_authorizer_info: personal (principal "个人"), verified (verify_type_info ≥ 0). */
  personal: boolean;
  verified: boolean;
  /** ISO times; `unauthorizedAt` once the merchant withdrew the authorization. */
  authorizedAt: string;
  unauthorizedAt: string | null;
}

/** A WeChat account as the Accounts page shows it. */
export interface AccountAdminView {
  id: string;
  appid: string;
  kind: AccountKind;
  name: string;
  /** `authorizer`: authorized through the third-party platform (see `platform`). */
  tokenMode: TokenMode | "authorizer";
  disabled: boolean;
  /** The last 4 characters of the AppSecret; empty for an account authorized through the platform. */
  secretHint: string;
  /** Set for an account authorized through the third-party platform. */
  platform: PlatformAuthorizationView | null;
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
