/**
 * What WeChat pushes to a third-party platform's authorization-event URL (授权事件接收URL): the
 * envelope (`<xml><AppId/><Encrypt/></xml>`, the payload AES-encrypted by ./message-crypto) and the
 * events inside it: `component_verify_ticket` every 10 minutes, and `authorized`,
 * `updateauthorized`, `unauthorized` when a merchant changes its authorization. The flat XML
 * WeChat uses (one level, text or CDATA) is built here (the sandbox pushes with it) and read strictly
 * with fast-xml-parser: malformed XML, a DOCTYPE, a repeated field, a nested element or a missing field is
 * refused, never guessed at (WeChat's messages are flat, mostly CDATA; nothing is fetched or expanded).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
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

export class PlatformMessageError extends Error {
  constructor(readonly reason: "malformed-xml" | "unexpected-shape") {
    super(`WeChat message refused: ${reason}`);
    this.name = "PlatformMessageError";
  }
}

// Only XML's own five entities are decoded (in text; CDATA stays as it is): a DOCTYPE, which could
// declare more, is refused before parsing.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
});

/** A flat `<xml>` of text fields, each once. */
const flatXml = z.object({ xml: z.record(z.string(), z.string()) });

/**
 * The fields of a flat `<xml>` document. Throws `PlatformMessageError` for anything that is not one:
 * malformed XML, another root, a field given twice, a nested element.
 */
export function readXmlFields(xml: string): Record<string, string> {
  if (/<!DOCTYPE/i.test(xml)) throw new PlatformMessageError("unexpected-shape");
  if (XMLValidator.validate(xml) !== true) throw new PlatformMessageError("malformed-xml");
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    throw new PlatformMessageError("malformed-xml");
  }
  const parsed = flatXml.safeParse(document);
  if (!parsed.success) throw new PlatformMessageError("unexpected-shape");
  return parsed.data.xml;
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

const KNOWN_INFO_TYPES: readonly string[] = [
  "component_verify_ticket",
  "authorized",
  "updateauthorized",
  "unauthorized",
];

/** A decrypted event, or null when it is not one of the four this product knows (or not an event). */
export function parsePlatformEvent(xml: string): PlatformEvent | null {
  try {
    const result = platformEvent.safeParse(readXmlFields(xml));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * A decrypted event as the product's event URL reads it: one of the four it acts on, or `other` for an
 * InfoType it has no use for (WeChat sends more, e.g. for fast registration). Throws `PlatformMessageError`
 * for XML that is not a flat document, or a known event that lacks what its type needs.
 */
export function readPlatformEvent(xml: string): PlatformEvent | { InfoType: "other"; AppId: string } {
  const fields = readXmlFields(xml);
  const head = z.object({ AppId: z.string().min(1), CreateTime: createTime, InfoType: z.string().min(1) });
  const known = head.safeParse(fields);
  if (!known.success) throw new PlatformMessageError("unexpected-shape");
  if (!KNOWN_INFO_TYPES.includes(known.data.InfoType)) return { InfoType: "other", AppId: known.data.AppId };
  const event = platformEvent.safeParse(fields);
  if (!event.success) throw new PlatformMessageError("unexpected-shape");
  return event.data;
}

/** The envelope WeChat POSTs: the component AppID and the encrypted event (strict, like every read here). */
export function parseEnvelope(xml: string): { appid: string; encrypted: string } {
  const envelope = z
    .object({ AppId: z.string().min(1), Encrypt: z.string().min(1) })
    .safeParse(readXmlFields(xml));
  if (!envelope.success) throw new PlatformMessageError("unexpected-shape");
  return { appid: envelope.data.AppId, encrypted: envelope.data.Encrypt };
}

/** The encrypted payload of a pushed envelope, or null when there is none. */
export function encryptedPayloadOf(envelope: string): string | null {
  try {
    return readXmlFields(envelope).Encrypt || null;
  } catch {
    return null;
  }
}
