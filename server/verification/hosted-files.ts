import "server-only";

import { and, eq, sql } from "drizzle-orm";

import type { HostingLocation } from "@/lib/verification/hosting";

import type { Database } from "../db";
import { hostedVerificationFiles, wechatAccounts } from "../db/schema";
import { env } from "../env";

/**
 * The verification files the product hosts: stored as `qrcodejumpdownload` gave them, read back by
 * the public route. Every download stores the file, so what is served is always WeChat's latest.
 */

export interface StoredVerificationFile {
  fileName: string;
  fileContent: string;
  fetchedAt: Date;
}

/** Where hosting is, from `PUBLIC_URL` and `VERIFICATION_PATH_PREFIX`; null when `PUBLIC_URL` is unset. */
export function hostingFromEnv(): HostingLocation | null {
  return env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL, pathPrefix: env.VERIFICATION_PATH_PREFIX } : null;
}

/** Stores the account's file as WeChat gave it now; `updated_at` moves only when it changed. */
export async function storeVerificationFile(
  db: Database,
  accountId: string,
  file: { fileName: string; fileContent: string },
): Promise<StoredVerificationFile> {
  const [row] = await db
    .insert(hostedVerificationFiles)
    .values({ accountId, fileName: file.fileName, fileContent: file.fileContent })
    .onConflictDoUpdate({
      target: hostedVerificationFiles.accountId,
      set: {
        fileName: sql`excluded.file_name`,
        fileContent: sql`excluded.file_content`,
        fetchedAt: sql`now()`,
        updatedAt: sql`case when ${hostedVerificationFiles.fileName} = excluded.file_name
          and ${hostedVerificationFiles.fileContent} = excluded.file_content
          then ${hostedVerificationFiles.updatedAt} else now() end`,
      },
    })
    .returning({
      fileName: hostedVerificationFiles.fileName,
      fileContent: hostedVerificationFiles.fileContent,
      fetchedAt: hostedVerificationFiles.fetchedAt,
    });
  if (!row) throw new Error("the verification file was not stored");
  return row;
}

/** The account's stored file, if any. */
export async function storedVerificationFile(
  db: Database,
  accountId: string,
): Promise<StoredVerificationFile | null> {
  const [row] = await db
    .select({
      fileName: hostedVerificationFiles.fileName,
      fileContent: hostedVerificationFiles.fileContent,
      fetchedAt: hostedVerificationFiles.fetchedAt,
    })
    .from(hostedVerificationFiles)
    .where(eq(hostedVerificationFiles.accountId, accountId));
  return row ?? null;
}

/** The content served at `<appid>/<fileName>`: the account's file when its name matches exactly. */
export async function hostedFileContent(
  db: Database,
  appid: string,
  fileName: string,
): Promise<string | null> {
  const [row] = await db
    .select({ content: hostedVerificationFiles.fileContent })
    .from(hostedVerificationFiles)
    .innerJoin(wechatAccounts, eq(wechatAccounts.id, hostedVerificationFiles.accountId))
    .where(and(eq(wechatAccounts.appid, appid), eq(hostedVerificationFiles.fileName, fileName)));
  return row?.content ?? null;
}
