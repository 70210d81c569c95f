/** Who scans, and who may open which build: the scan simulator's vocabulary, free of the matcher. */

/** Who scans: an ordinary WeChat user, or one of the Mini Program's own people. */
export const SCAN_ROLES = ["user", "admin", "developer", "tester"] as const;
export type ScanRole = (typeof SCAN_ROLES)[number];

export type ScanBuild = "develop" | "trial" | "release";

/** Who may open a test link's build (REFERENCE §3.5). */
export const ROLES_FOR_BUILD: Record<ScanBuild, readonly ScanRole[]> = {
  develop: ["developer"],
  trial: ["admin", "tester"],
  release: ["developer", "admin", "tester"],
};
