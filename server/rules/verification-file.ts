import "server-only";

import type { RequestContext } from "../request-context";
import { storeVerificationFile } from "../verification/hosted-files";
import { describeWeChatError } from "../wechat/describe-error";
import { fail, openScope, type Scope } from "./open-scope";

export interface VerificationFileOf {
  fileName: string;
  fileContent: string;
}

/**
 * The file a Mini Program must serve before WeChat accepts its type-A rules. Every download is also
 * stored, so the hosted copy (`server/verification/hosted-files.ts`) is always WeChat's latest.
 */
export async function verificationFile(
  context: RequestContext,
  accountId: string,
): Promise<VerificationFileOf> {
  return downloadAndStore(context, await openScope(context, accountId));
}

/** Downloads the scope's verification file from WeChat and stores it for hosting. */
export async function downloadAndStore(context: RequestContext, scope: Scope): Promise<VerificationFileOf> {
  let file: VerificationFileOf;
  try {
    const answer = await scope.client.downloadVerificationFile();
    file = { fileName: answer.file_name, fileContent: answer.file_content };
  } catch (error) {
    fail(describeWeChatError(context, error));
  }
  await storeVerificationFile(context.db, scope.account.id, file);
  return file;
}
