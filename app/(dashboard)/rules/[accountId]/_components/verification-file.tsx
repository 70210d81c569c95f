"use client";

import { useQuery } from "@tanstack/react-query";
import { Download, ExternalLink, FileCheck2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";

import { FailureAlert, formFailure } from "@/components/forms/failure-alert";
import { TermHelp } from "@/components/help/term-help";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ActionError } from "@/lib/action-result";
import { ruleKeys } from "@/lib/rules/queries";
import { checkPrefix, verificationFileUrl } from "@/lib/wechat/match";
import { getVerificationFile } from "@/server/actions/rules";

import { VerificationHosting } from "./verification-hosting";
import { VerificationPreflight } from "./verification-preflight";

/** The file changes only when WeChat resets it; no need to ask again while the form is open. */
const FRESH_FOR_MS = 10 * 60_000;

class VerificationFileError extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
    this.name = "VerificationFileError";
  }
}

function downloadText(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: "text/plain" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  // Some browsers start the download asynchronously; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The verification file of a type-A rule (REFERENCE §4): its name and
 * content, a download, and the exact address where WeChat will fetch it,
 * computed from the prefix as it is typed; a check of that address, and the
 * console's own hosting of the file. `canEdit` (default: the rule form opens
 * only for those who may edit) shows "Host it here".
 */
export function VerificationFile({
  accountId,
  prefix,
  canEdit = true,
  onUsePrefix,
}: {
  accountId: string;
  prefix: string;
  canEdit?: boolean;
  /** Offered while adding: puts the hosted directory in the prefix field. */
  onUsePrefix?: (prefix: string) => void;
}) {
  const t = useTranslations("ruleForm.verification");
  const headingId = useId();
  const file = useQuery({
    queryKey: ruleKeys.verificationFile(accountId),
    queryFn: async () => {
      const result = await getVerificationFile({ accountId });
      if (!result.ok) throw new VerificationFileError(result.error);
      return result.data;
    },
    staleTime: FRESH_FOR_MS,
    retry: false,
  });

  const validPrefix = checkPrefix(prefix, "A").ok ? prefix : null;
  const url = file.data && validPrefix !== null ? verificationFileUrl(validPrefix, file.data.fileName) : null;
  const failure = file.error instanceof VerificationFileError ? file.error.error : null;

  return (
    <section
      aria-labelledby={headingId}
      data-testid="verification-file"
      className="space-y-3 rounded-md border bg-muted/30 p-4"
    >
      <div className="space-y-1">
        <div className="flex items-center gap-1">
          <h3 id={headingId} className="flex items-center gap-2 text-sm font-medium leading-none">
            <FileCheck2 aria-hidden className="size-4" />
            {t("title")}
          </h3>
          <TermHelp term="verificationFile" />
        </div>
        <p className="text-xs text-muted-foreground">{t("help")}</p>
      </div>

      {file.isPending ? (
        <div role="status" className="space-y-2">
          <span className="sr-only">{t("loading")}</span>
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-9 w-full" />
        </div>
      ) : file.isError ? (
        <div className="space-y-2">
          <FailureAlert
            failure={failure ? formFailure(failure) : { message: t("loadFailed"), formErrors: [] }}
            accountId={accountId}
          />
          <Button
            type="button"
            variant="outline"
            size="sm"
            pending={file.isFetching}
            onClick={() => void file.refetch()}
          >
            {t("retry")}
          </Button>
        </div>
      ) : (
        <dl className="grid gap-3 text-sm">
          <div className="space-y-1">
            <dt className="text-xs font-medium text-muted-foreground">{t("fileName")}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code className="break-all font-mono">{file.data.fileName}</code>
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => downloadText(file.data.fileName, file.data.fileContent)}
              >
                <Download aria-hidden />
                {t("download")}
              </Button>
            </dd>
          </div>
          <div className="space-y-1">
            <dt className="text-xs font-medium text-muted-foreground">{t("content")}</dt>
            <dd className="flex items-start gap-1">
              <pre className="min-w-0 flex-1 overflow-x-auto rounded-md border bg-background px-3 py-2 font-mono text-xs select-all">
                {file.data.fileContent}
              </pre>
              <CopyButton value={file.data.fileContent} label={t("copyContent")} />
            </dd>
          </div>
          <div className="space-y-1">
            <dt className="text-xs font-medium text-muted-foreground">{t("url")}</dt>
            <dd>
              {url ? (
                <span className="flex flex-wrap items-center gap-1">
                  <code data-testid="verification-file-url" className="break-all font-mono">
                    {url}
                  </code>
                  <CopyButton value={url} label={t("copyUrl")} />
                  <Button asChild variant="ghost" size="icon" className="size-7 text-muted-foreground">
                    <a
                      href={url}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={t("openUrl")}
                      title={t("openUrl")}
                    >
                      <ExternalLink aria-hidden className="size-3.5" />
                    </a>
                  </Button>
                </span>
              ) : (
                <span className="text-muted-foreground">{t("urlPending")}</span>
              )}
            </dd>
          </div>
        </dl>
      )}
      {file.isSuccess ? <VerificationPreflight accountId={accountId} prefix={validPrefix} /> : null}
      {file.isSuccess ? (
        <VerificationHosting accountId={accountId} canEdit={canEdit} onUsePrefix={onUsePrefix} />
      ) : null}
    </section>
  );
}
