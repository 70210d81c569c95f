/**
 * The message key (under `activity.operations`) of each operation, so every
 * place that shows an operation reads the same label in the operator's language.
 */
import type { ActivityOperation } from "./contract";

export const OPERATION_LABEL_KEY = {
  "rule.add": "ruleAdd",
  "rule.edit": "ruleEdit",
  "rule.retake": "ruleRetake",
  "rule.replace": "ruleReplace",
  "rule.publish": "rulePublish",
  "rule.delete": "ruleDelete",
  "rules.sync": "rulesSync",
  "rid.lookup": "ridLookup",
  "auth.signIn": "authSignIn",
  "auth.signInFailed": "authSignInFailed",
  "auth.signInRefused": "authSignInRefused",
  "settings.update": "settingsUpdate",
  "account.create": "accountCreate",
  "account.update": "accountUpdate",
  "account.delete": "accountDelete",
  "account.check": "accountCheck",
  "account.authorize": "accountAuthorize",
  "account.unauthorize": "accountUnauthorize",
  "platform.update": "platformUpdate",
  "operator.create": "operatorCreate",
  "operator.update": "operatorUpdate",
  "activity.prune": "activityPrune",
  "action.refused": "actionRefused",
  "changes.plan": "changesPlan",
  "changes.apply": "changesApply",
  "changes.decide": "changesDecide",
  "changes.control": "changesControl",
  "changes.finish": "changesFinish",
  "drift.adopt": "driftAdopt",
  "verification.host": "verificationHost",
  "verification.recheck": "verificationRecheck",
} as const satisfies Record<ActivityOperation, string>;

export type OperationLabelKey = (typeof OPERATION_LABEL_KEY)[ActivityOperation];
