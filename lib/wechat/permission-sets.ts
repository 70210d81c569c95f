/**
 * The third-party platform permission sets (func_info ids) the product's features need, and what a merchant's
 * grant leaves missing. Names and explanations live in the `accountsAdmin.platform.sets` messages.
 * Browser-safe.
 */
import type { AccountKind } from "../rules/contract";
import type { FuncInfo } from "./types";

/** The permission sets (权限集) the qrcodejump family needs: 3 for Service Accounts, 18 for Mini Programs. */
export const PERMISSION_SET = {
  accountServices: 3,
  miniProgramDevelopment: 18,
  miniProgramLinking: 33,
} as const;

/** The permission-set ids of a `func_info` list. */
export function permissionSetsOf(info: FuncInfo): number[] {
  return info.map((entry) => entry.funcscope_category.id);
}

/** Permission sets the product knows by name. */
export const KNOWN_PERMISSION_SETS = [
  PERMISSION_SET.accountServices,
  PERMISSION_SET.miniProgramDevelopment,
  PERMISSION_SET.miniProgramLinking,
] as const;
export type KnownPermissionSet = (typeof KNOWN_PERMISSION_SETS)[number];

/** A feature of the product and the set it needs on an account of one kind. */
export interface PermissionNeed {
  feature: "typeARules" | "typeBRules" | "linkMiniPrograms";
  set: KnownPermissionSet;
}

/**
 * Set 18 (Mini Program development and data analysis) for a Mini Program's type-A rules; set 3 (account
 * services) for a Service Account's type-B rules, and set 33 (Mini Program linking) to link its Mini
 * Programs (REFERENCE §5).
 */
const NEEDS: Record<AccountKind, PermissionNeed[]> = {
  miniprogram: [{ feature: "typeARules", set: PERMISSION_SET.miniProgramDevelopment }],
  officialaccount: [
    { feature: "typeBRules", set: PERMISSION_SET.accountServices },
    { feature: "linkMiniPrograms", set: PERMISSION_SET.miniProgramLinking },
  ],
};

export function permissionNeeds(kind: AccountKind): PermissionNeed[] {
  return NEEDS[kind];
}

/** The needs of an account of `kind` that `granted` does not cover. */
export function missingPermissions(kind: AccountKind, granted: readonly number[]): PermissionNeed[] {
  return NEEDS[kind].filter((need) => !granted.includes(need.set));
}

export function isKnownPermissionSet(id: number): id is KnownPermissionSet {
  return (KNOWN_PERMISSION_SETS as readonly number[]).includes(id);
}

/** The permission sets a func_info list grants, sorted, each once. */
export function grantedSets(info: FuncInfo): number[] {
  return [...new Set(permissionSetsOf(info))].sort((a, b) => a - b);
}
