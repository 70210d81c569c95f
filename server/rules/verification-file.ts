import "server-only";

import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { fail, openScope } from "./open-scope";

/** The file a Mini Program must serve before WeChat accepts its type-A rules. */
export async function verificationFile(
  context: RequestContext,
  accountId: string,
): Promise<{ fileName: string; fileContent: string }> {
  const scope = await openScope(context, accountId);
  try {
    const file = await scope.client.downloadVerificationFile();
    return { fileName: file.file_name, fileContent: file.file_content };
  } catch (error) {
    fail(describeWeChatError(context, error));
  }
}
