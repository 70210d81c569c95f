import "server-only";

import { type HostingLocation, hostedDirectory, hostedFileUrl } from "@/lib/verification/hosting";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import { fail, openScope } from "../rules/open-scope";
import { downloadAndStore } from "../rules/verification-file";

export interface HostedVerificationFile {
  /** Where the file is served now. */
  url: string;
  /** The directory to use as the prefix of the account's type-A rules. */
  directoryPrefix: string;
  fileName: string;
}

/**
 * Downloads the account's verification file from WeChat now and serves it from the product's own
 * address (the "Host it here" button), so a rule under `directoryPrefix` passes WeChat's check.
 */
export async function hostVerificationFile(
  context: RequestContext,
  accountId: string,
  hosting: HostingLocation | null,
): Promise<HostedVerificationFile> {
  if (!hosting) fail({ code: "CONFLICT", message: context.t("hostingNotConfigured") });
  const actionId = newActionId();
  const draft: ActivityDraft = { operation: "verification.host" };
  return tracked(
    context,
    actionId,
    draft,
    async () => {
      const scope = await openScope(context, accountId, actionId, draft);
      const file = await downloadAndStore(context, scope);
      const hosted = {
        url: hostedFileUrl(hosting, scope.account.appid, file.fileName),
        directoryPrefix: hostedDirectory(hosting, scope.account.appid),
        fileName: file.fileName,
      };
      draft.summary = { key: "verificationHosted", values: { url: hosted.url } };
      return hosted;
    },
    (hosted) => hosted,
  );
}
