import "server-only";

export { changeOneRule, deleteRules, publishRules } from "./bulk-rules";
export type { RuleValues, TypeAValues, TypeBValues } from "./open-scope";
export { rulePage } from "./rule-page";
export { type SaveOptions, saveRule } from "./save-rule";
export { syncNow } from "./sync-now";
export { verificationFile } from "./verification-file";
export { checkCapability, readCapabilities, readCapability } from "./capability";
