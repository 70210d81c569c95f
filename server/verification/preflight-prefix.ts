import "server-only";

import type { PreflightReport } from "@/lib/verification/preflight-report";
import { verificationFileUrl } from "@/lib/wechat/match";

import type { RequestContext } from "../request-context";
import { fail } from "../rules/open-scope";
import { verificationFile } from "../rules/verification-file";
import { type PreflightInput, preflightFromEnv } from "./preflight";

/**
 * The preflight for a rule prefix (the "Check now" button): the account's current file from WeChat,
 * fetched from where WeChat will look for it under `prefix`. `preflight` is the check to run
 * (the deployment's address policy by default).
 */
export async function preflightPrefix(
  context: RequestContext,
  accountId: string,
  prefix: string,
  preflight: (input: Omit<PreflightInput, "allowPrivate">) => Promise<PreflightReport> = preflightFromEnv,
): Promise<PreflightReport> {
  const file = await verificationFile(context, accountId);
  const url = verificationFileUrl(prefix, file.fileName);
  if (!url) fail({ code: "INVALID_INPUT", message: context.t("internal") });
  return preflight({ url, expectedContent: file.fileContent, expectedFileName: file.fileName });
}
