import "server-only";

import {
  type HostingLocation,
  type VerificationHostingView,
  hostedDirectory,
  hostedFileUrl,
} from "@/lib/verification/hosting";

import { visibleAccount } from "../access/grants";
import type { RequestContext } from "../request-context";
import { fail } from "../rules/open-scope";
import { storedVerificationFile } from "./hosted-files";

/** Whether the product hosts the account's verification file, where, and the directory it offers. */
export async function verificationHosting(
  context: RequestContext,
  accountId: string,
  hosting: HostingLocation | null,
): Promise<VerificationHostingView> {
  const account = await visibleAccount(context.db, context.operator, accountId);
  if (!account) fail({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  const stored = await storedVerificationFile(context.db, account.id);
  return {
    configured: hosting !== null,
    directoryPrefix: hosting ? hostedDirectory(hosting, account.appid) : null,
    url: hosting && stored ? hostedFileUrl(hosting, account.appid, stored.fileName) : null,
    fileName: stored?.fileName ?? null,
    fetchedAt: stored?.fetchedAt.toISOString() ?? null,
  };
}
