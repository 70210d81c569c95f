/**
 * What WeChat pushes to a third-party platform's authorization-event URL (授权事件接收URL): the
 * envelope (`<xml><AppId/><Encrypt/></xml>`, the payload AES-encrypted by ./message-crypto) and the
 * events inside it: `component_verify_ticket` every 10 minutes, and `authorized`,
 * `updateauthorized`, `unauthorized` when a merchant changes its authorization. The flat XML
 * WeChat uses (one level, text or CDATA) is built and read here, for the sandbox that pushes and
 * the product that receives alike. Browser-safe.
 */
import { z } from "zod";

/** The answer WeChat expects from the event URL; anything else counts as a failed delivery. */
export const EVENT_ACCEPTED = "success";

const text = (value: string) => `<![CDATA[${value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

/** `<xml>` with one element per field, in order: numbers bare, strings in CDATA. */
export function eventXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === "number" ? String(value) : text(value)}</${name}>`)
    .join("");
  return `<xml>${body}</xml>`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The fields of a flat `<xml>` document (later duplicates win). Nested elements, attributes and
 * anything but text or CDATA are not part of WeChat's format and are skipped.
 */
export function readXmlFields(xml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const inner = /<xml>([\s\S]*)<\/xml>/.exec(xml)?.[1] ?? "";
  const element = /<([A-Za-z_][\w.-]*)>((?:\s*<!\[CDATA\[[\s\S]*?\]\]>\s*)+|[^<]*)<\/\1>/g;
  for (const match of inner.matchAll(element)) {
    const [, name = "", raw = ""] = match;
    fields[name] = raw.includes("<![CDATA[")
      ? [...raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((part) => part[1] ?? "").join("")
      : raw.trim().replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ENTITIES[entity] ?? "");
  }
  return fields;
}

const createTime = z.coerce.number().int().nonnegative();

export const verifyTicketEvent = z.object({
  AppId: z.string().min(1),
  CreateTime: createTime,
  InfoType: z.literal("component_verify_ticket"),
  ComponentVerifyTicket: z.string().min(1),
});

/** `authorized` (a first authorization) and `updateauthorized` (the merchant changed the permission sets). */
export const authorizationEvent = z.object({
  AppId: z.string().min(1),
  CreateTime: createTime,
  InfoType: z.enum(["authorized", "updateauthorized"]),
  AuthorizerAppid: z.string().min(1),
  /** The same code the redirect carries as `auth_code`: one api_query_auth, within the hour. */
  AuthorizationCode: z.string().min(1),
  /** Unix seconds. */
  AuthorizationCodeExpiredTime: createTime,
  PreAuthCode: z.string().optional(),
});

export const unauthorizationEvent = z.object({
  AppId: z.string().min(1),
  CreateTime: createTime,
  InfoType: z.literal("unauthorized"),
  AuthorizerAppid: z.string().min(1),
});

export const platformEvent = z.discriminatedUnion("InfoType", [
  verifyTicketEvent,
  authorizationEvent,
  unauthorizationEvent,
]);

export type PlatformEvent = z.output<typeof platformEvent>;

/** A decrypted event, or null when it is not one of the four this product knows. */
export function parsePlatformEvent(xml: string): PlatformEvent | null {
  const result = platformEvent.safeParse(readXmlFields(xml));
  return result.success ? result.data : null;
}

/** The encrypted payload of a pushed envelope, or null when there is none. */
export function encryptedPayloadOf(envelope: string): string | null {
  const value = readXmlFields(envelope).Encrypt;
  return value ? value : null;
}
