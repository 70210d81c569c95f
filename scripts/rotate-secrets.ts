/**
 * Re-encrypts every AppSecret, cached access token and third-party platform secret (the platform's
 * AppSecret, message token, EncodingAESKey and ticket, each authorizer's refresh token) under a new
 * SECRETS_KEY, in one transaction (all or nothing).
 *
 *   SECRETS_KEY=<current key> NEW_SECRETS_KEY=<new key> npm run secrets:rotate
 *
 * The database is the product's: DATABASE_URL when set, else the embedded one
 * under DATA_DIR (stop the product first: the embedded database has one user).
 * Then start the product with SECRETS_KEY set to the new key. In demo mode,
 * write the new key into DATA_DIR/secrets-key.
 */
import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";

import { openDatabase } from "@/server/db/client";
import { wechatAccounts, wechatPlatform, wechatPlatformAuthorizers, wechatTokens } from "@/server/db/schema";
import { createSecretBox, parseSecretsKey } from "@/server/secret-box";

function keyFrom(name: string): Buffer {
  const value = process.env[name];
  const key = value ? parseSecretsKey(value) : null;
  if (!key) {
    console.error(
      `${name} must be a 32-byte key (64 hex characters or base64). A new one: ${randomBytes(32).toString("base64")}`,
    );
    process.exit(2);
  }
  return key;
}

const current = createSecretBox(keyFrom("SECRETS_KEY"));
const next = createSecretBox(keyFrom("NEW_SECRETS_KEY"));
const handle = await openDatabase(
  process.env.DATABASE_URL
    ? { kind: "postgres", url: process.env.DATABASE_URL }
    : { kind: "embedded", dataDir: process.env.DATA_DIR ?? ".data" },
);
try {
  await handle.migrate();
  const counts = await handle.db.transaction(async (tx) => {
    const reseal = (sealed: string) => next.seal(current.open(sealed));
    const accounts = await tx.select().from(wechatAccounts);
    for (const account of accounts) {
      if (account.secretSealed === null) continue; // authorized through the platform: no AppSecret
      await tx
        .update(wechatAccounts)
        .set({ secretSealed: reseal(account.secretSealed) })
        .where(eq(wechatAccounts.id, account.id));
    }
    const tokens = await tx.select().from(wechatTokens);
    for (const token of tokens) {
      await tx
        .update(wechatTokens)
        .set({ tokenSealed: reseal(token.tokenSealed) })
        .where(eq(wechatTokens.appid, token.appid));
    }
    for (const platform of await tx.select().from(wechatPlatform)) {
      await tx
        .update(wechatPlatform)
        .set({
          secretSealed: reseal(platform.secretSealed),
          messageTokenSealed: reseal(platform.messageTokenSealed),
          aesKeySealed: reseal(platform.aesKeySealed),
          verifyTicketSealed:
            platform.verifyTicketSealed === null ? null : reseal(platform.verifyTicketSealed),
        })
        .where(eq(wechatPlatform.id, platform.id));
    }
    const authorizers = await tx.select().from(wechatPlatformAuthorizers);
    for (const authorizer of authorizers) {
      await tx
        .update(wechatPlatformAuthorizers)
        .set({ refreshTokenSealed: reseal(authorizer.refreshTokenSealed) })
        .where(eq(wechatPlatformAuthorizers.accountId, authorizer.accountId));
    }
    return { accounts: accounts.length, tokens: tokens.length, authorizers: authorizers.length };
  });
  console.info(
    `re-encrypted ${counts.accounts} accounts' AppSecrets, ${counts.tokens} cached tokens, the platform settings and ${counts.authorizers} authorizer refresh tokens; start the product with SECRETS_KEY set to the new key`,
  );
} catch (error) {
  console.error("nothing was changed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
