/**
 * What WeChat pushes to a third-party platform's authorization-event URL: an XML envelope whose `Encrypt`
 * holds, encrypted (`message-crypto.ts`), another XML document naming the event (`InfoType`). Parsing is
 * strict: malformed XML, a repeated field or a missing one is refused, never guessed at. The XML is read
 * with fast-xml-parser with entities left unexpanded (WeChat's messages use CDATA; nothing is fetched).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
});

export class PlatformMessageError extends Error {
  constructor(readonly reason: "malformed-xml" | "unexpected-shape") {
    super(`WeChat message refused: ${reason}`);
    this.name = "PlatformMessageError";
  }
}

function parseXml<S extends z.ZodType>(xml: string, schema: S): z.output<S> {
  if (XMLValidator.validate(xml) !== true) throw new PlatformMessageError("malformed-xml");
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    throw new PlatformMessageError("malformed-xml");
  }
  const parsed = z.object({ xml: z.unknown() }).safeParse(document);
  const inner = parsed.success ? schema.safeParse(parsed.data.xml) : null;
  if (!inner?.success) throw new PlatformMessageError("unexpected-shape");
  return inner.data as z.output<S>;
}

const field = z.string().min(1);

/** The envelope WeChat POSTs: the component AppID and the encrypted event. */
export function parseEnvelope(xml: string): { appid: string; encrypted: string } {
  const envelope = parseXml(xml, z.object({ AppId: field, Encrypt: field }));
  return { appid: envelope.AppId, encrypted: envelope.Encrypt };
}

const common = { AppId: field, CreateTime: z.string().regex(/^\d{1,12}$/) };

const eventSchema = z.discriminatedUnion("InfoType", [
  z.object({ ...common, InfoType: z.literal("component_verify_ticket"), ComponentVerifyTicket: field }),
  z.object({
    ...common,
    InfoType: z.literal(["authorized", "updateauthorized"]),
    AuthorizerAppid: field,
    AuthorizationCode: field,
    AuthorizationCodeExpiredTime: z.string().optional(),
    PreAuthCode: z.string().optional(),
  }),
  z.object({ ...common, InfoType: z.literal("unauthorized"), AuthorizerAppid: field }),
]);

/** A decrypted event the product acts on. */
export type PlatformEvent =
  | { type: "component_verify_ticket"; componentAppid: string; createTime: number; ticket: string }
  | {
      type: "authorized" | "updateauthorized";
      componentAppid: string;
      createTime: number;
      authorizerAppid: string;
      authorizationCode: string;
      preAuthCode: string | null;
    }
  | { type: "unauthorized"; componentAppid: string; createTime: number; authorizerAppid: string }
  /** An InfoType the product has no use for (WeChat sends others, e.g. for fast registration). */
  | { type: "other"; componentAppid: string; createTime: number; infoType: string };

/** The decrypted event document. */
export function parseEvent(xml: string): PlatformEvent {
  const head = parseXml(xml, z.object({ ...common, InfoType: field }).loose());
  const base = { componentAppid: head.AppId, createTime: Number(head.CreateTime) };
  if (!["component_verify_ticket", "authorized", "updateauthorized", "unauthorized"].includes(head.InfoType))
    return { ...base, type: "other", infoType: head.InfoType };
  const event = eventSchema.safeParse(head);
  if (!event.success) throw new PlatformMessageError("unexpected-shape");
  const value = event.data;
  switch (value.InfoType) {
    case "component_verify_ticket":
      return { ...base, type: value.InfoType, ticket: value.ComponentVerifyTicket };
    case "unauthorized":
      return { ...base, type: value.InfoType, authorizerAppid: value.AuthorizerAppid };
    default:
      return {
        ...base,
        type: value.InfoType,
        authorizerAppid: value.AuthorizerAppid,
        authorizationCode: value.AuthorizationCode,
        preAuthCode: value.PreAuthCode || null,
      };
  }
}

/** An XML document of CDATA fields, as WeChat writes them (the sandbox and tests build pushes with it). */
export function xmlOf(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) =>
      typeof value === "number"
        ? `<${name}>${value}</${name}>`
        : `<${name}><![CDATA[${value.replaceAll("]]>", "]]]]><![CDATA[>")}]]></${name}>`,
    )
    .join("");
  return `<xml>${body}</xml>`;
}
