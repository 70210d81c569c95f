/**
 * The message catalogs: a core file per language plus one file per feature
 * (`messages/<locale>/*.json`), deep-merged, so features keep their strings
 * apart. Shared namespaces such as `validation` merge key by key.
 */
import enAccounts from "@/messages/en/accounts.json";
import enActivity from "@/messages/en/activity.json";
import enChanges from "@/messages/en/changes.json";
import enCore from "@/messages/en.json";
import enExplain from "@/messages/en/explain.json";
import enHelp from "@/messages/en/help.json";
import enOperators from "@/messages/en/operators.json";
import enPlatform from "@/messages/en/platform.json";
import enRuleForm from "@/messages/en/rule-form.json";
import enRules from "@/messages/en/rules.json";
import enQrSheet from "@/messages/en/qr-sheet.json";
import enScan from "@/messages/en/scan.json";
import enSetup from "@/messages/en/setup.json";
import enVerification from "@/messages/en/verification.json";
import zhAccounts from "@/messages/zh-CN/accounts.json";
import zhActivity from "@/messages/zh-CN/activity.json";
import zhChanges from "@/messages/zh-CN/changes.json";
import zhCore from "@/messages/zh-CN.json";
import zhExplain from "@/messages/zh-CN/explain.json";
import zhHelp from "@/messages/zh-CN/help.json";
import zhOperators from "@/messages/zh-CN/operators.json";
import zhPlatform from "@/messages/zh-CN/platform.json";
import zhRuleForm from "@/messages/zh-CN/rule-form.json";
import zhRules from "@/messages/zh-CN/rules.json";
import zhQrSheet from "@/messages/zh-CN/qr-sheet.json";
import zhScan from "@/messages/zh-CN/scan.json";
import zhSetup from "@/messages/zh-CN/setup.json";
import zhVerification from "@/messages/zh-CN/verification.json";

import type { Locale } from "./config";

type Catalog = Record<string, unknown>;

function isObject(value: unknown): value is Catalog {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepMerge(parts: Catalog[]): Catalog {
  const merged: Catalog = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = merged[key];
      merged[key] = isObject(existing) && isObject(value) ? deepMerge([existing, value]) : value;
    }
  }
  return merged;
}

/** The type of every catalog (English is the reference). */
export type Messages = typeof enCore &
  typeof enRules &
  typeof enRuleForm &
  typeof enActivity &
  typeof enAccounts &
  typeof enOperators &
  typeof enPlatform &
  typeof enChanges &
  typeof enScan &
  typeof enSetup &
  typeof enExplain &
  typeof enQrSheet &
  typeof enVerification &
  typeof enHelp;

export const MESSAGES: Record<Locale, Messages> = {
  en: deepMerge([
    enCore,
    enRules,
    enRuleForm,
    enActivity,
    enAccounts,
    enOperators,
    enPlatform,
    enChanges,
    enScan,
    enSetup,
    enExplain,
    enQrSheet,
    enVerification,
    enHelp,
  ]) as Messages,
  "zh-CN": deepMerge([
    zhCore,
    zhRules,
    zhRuleForm,
    zhActivity,
    zhAccounts,
    zhOperators,
    zhPlatform,
    zhChanges,
    zhScan,
    zhSetup,
    zhExplain,
    zhQrSheet,
    zhVerification,
    zhHelp,
  ]) as Messages,
};
