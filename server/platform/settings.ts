import "server-only";

import { eq } from "drizzle-orm";

import type { PlatformSettingsView } from "@/lib/platform/contract";
import type { PlatformSettingsValues } from "@/lib/schemas/platform";
import type { MessageCryptoKeys } from "@/lib/wechat/message-crypto";

import { ActionFailure } from "../actions/failure";
import { changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import type { Database, Transaction } from "../db";
import { wechatPlatform, wechatTokens } from "../db/schema";
import type { RequestContext } from "../request-context";
import type { SecretBox } from "../secret-box";

/** Where WeChat pushes tickets and authorization events, under the dashboard's public address. */
export const EVENT_PATH = "/api/wechat/platform/events";
/** Where a merchant's browser comes back after authorizing (session-checked). */
export const RETURN_PATH = "/accounts/platform/authorized";

/**
 * The platform settings as an admin may see them: which secrets are set, never their values. `base` is the
 * dashboard's public address (`publicUrl()`), never taken from a request.
 */
export async function getPlatformSettingsView(db: Database, base: string): Promise<PlatformSettingsView> {
  const [row] = await db.select().from(wechatPlatform);
  return {
    componentAppid: row?.componentAppid ?? null,
    secretSet: Boolean(row?.secretSealed),
    messageTokenSet: Boolean(row?.messageTokenSealed),
    encodingAesKeySet: Boolean(row?.aesKeySealed),
    ticketReceivedAt: row?.verifyTicketAt?.toISOString() ?? null,
    eventUrl: `${base}${EVENT_PATH}`,
    returnUrl: `${base}${RETURN_PATH}`,
  };
}

/** The keys WeChat's pushes are verified and decrypted with, or null when the platform is not configured. */
export async function messageKeys(db: Database, box: SecretBox): Promise<MessageCryptoKeys | null> {
  const [row] = await db.select().from(wechatPlatform);
  if (!row) return null;
  return {
    appid: row.componentAppid,
    token: box.open(row.messageTokenSealed),
    encodingAesKey: box.open(row.aesKeySealed),
  };
}

/**
 * Saves the platform settings with their activity entry (never a secret in it). A new component AppID or
 * AppSecret makes the cached component_access_token useless, and a new AppID the ticket too (tickets are
 * pushed per platform): both are dropped, and WeChat's next push (within 10 minutes) brings a ticket.
 */
export async function savePlatformSettings(
  context: Pick<RequestContext, "db" | "box" | "operator" | "t">,
  values: PlatformSettingsValues,
): Promise<void> {
  const { box } = context;
  await changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      const [current] = await tx.select().from(wechatPlatform);
      const missing = (["secret", "messageToken", "encodingAesKey"] as const).filter(
        (field) => !current && values[field] === "",
      );
      if (missing.length > 0) {
        const message = context.t("platformSecretRequired");
        throw new ActionFailure({
          code: "INVALID_INPUT",
          message,
          fieldErrors: Object.fromEntries(missing.map((field) => [field, [message]])),
        });
      }
      const appidChanged = current !== undefined && current.componentAppid !== values.componentAppid;
      const row = {
        id: 1,
        componentAppid: values.componentAppid,
        secretSealed: values.secret ? box.seal(values.secret) : (current?.secretSealed ?? ""),
        messageTokenSealed: values.messageToken
          ? box.seal(values.messageToken)
          : (current?.messageTokenSealed ?? ""),
        aesKeySealed: values.encodingAesKey ? box.seal(values.encodingAesKey) : (current?.aesKeySealed ?? ""),
        updatedBy: context.operator.id,
        ...(appidChanged ? { verifyTicketSealed: null, verifyTicketAt: null } : {}),
      };
      await tx
        .insert(wechatPlatform)
        .values(row)
        .onConflictDoUpdate({ target: wechatPlatform.id, set: { ...row, id: undefined } });
      if (current && (appidChanged || values.secret)) await dropComponentToken(tx, current.componentAppid);
      return {
        created: current === undefined,
        appidChanged,
        before: current?.componentAppid ?? null,
      };
    },
    (change) => ({
      operation: "platform.update",
      operator: actor(context),
      outcome: "success",
      request: {
        componentAppid: values.componentAppid,
        ...(change.appidChanged ? { previousComponentAppid: change.before } : {}),
        secret: values.secret ? "[changed]" : "(unchanged)",
        messageToken: values.messageToken ? "[changed]" : "(unchanged)",
        encodingAesKey: values.encodingAesKey ? "[changed]" : "(unchanged)",
      },
      summary: { key: change.created ? "platformConfigured" : "platformUpdated" },
    }),
  );
}

async function dropComponentToken(tx: Transaction, componentAppid: string): Promise<void> {
  await tx.delete(wechatTokens).where(eq(wechatTokens.appid, componentAppid));
}

/** Stores the ticket WeChat pushed (sealed, with when it came); the platform's token is fetched with it. */
export async function storeVerifyTicket(
  db: Database,
  box: SecretBox,
  componentAppid: string,
  ticket: string,
): Promise<void> {
  await db
    .update(wechatPlatform)
    .set({ verifyTicketSealed: box.seal(ticket), verifyTicketAt: new Date() })
    .where(eq(wechatPlatform.componentAppid, componentAppid));
}
