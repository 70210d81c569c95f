import { describe, expect, it } from "vitest";

import { decryptMessage } from "@/lib/wechat/message-crypto";
import {
  PlatformMessageError,
  eventXml as xmlOf,
  parseEnvelope,
  readPlatformEvent as parseEvent,
} from "@/lib/wechat/platform-events";
import { TEST_PLATFORM, pushOf, testKeys, ticketEvent } from "@/tests/support/platform";

const reasonOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof PlatformMessageError ? error.reason : String(error);
  }
};

describe("WeChat's platform pushes, as the product's event URL reads them", () => {
  it("reads back a ticket push through XML, encryption and signature", () => {
    const push = pushOf(ticketEvent("ticket@@@Fq8bD-5rRmX_zyG2pQ"));
    const envelope = parseEnvelope(push.body);
    expect(envelope).toEqual({ appid: TEST_PLATFORM.componentAppid, encrypted: push.encrypted });
    const plain = decryptMessage(testKeys(), {
      encrypted: envelope.encrypted,
      timestamp: push.query.get("timestamp") ?? "",
      nonce: push.query.get("nonce") ?? "",
      signature: push.query.get("msg_signature") ?? "",
    });
    expect(parseEvent(plain)).toMatchObject({
      InfoType: "component_verify_ticket",
      AppId: TEST_PLATFORM.componentAppid,
      ComponentVerifyTicket: "ticket@@@Fq8bD-5rRmX_zyG2pQ",
    });
  });

  it("reads authorization events with their codes, and an unauthorization", () => {
    const common = { AppId: TEST_PLATFORM.componentAppid, CreateTime: 1_700_000_000 };
    expect(
      parseEvent(
        xmlOf({
          ...common,
          InfoType: "authorized",
          AuthorizerAppid: "wx1111222233334444",
          AuthorizationCode: "queryauthcode@@@abc",
          AuthorizationCodeExpiredTime: 1_700_003_600,
          PreAuthCode: "preauthcode@@@xyz",
        }),
      ),
    ).toEqual({
      InfoType: "authorized",
      AppId: TEST_PLATFORM.componentAppid,
      CreateTime: 1_700_000_000,
      AuthorizerAppid: "wx1111222233334444",
      AuthorizationCode: "queryauthcode@@@abc",
      AuthorizationCodeExpiredTime: 1_700_003_600,
      PreAuthCode: "preauthcode@@@xyz",
    });
    expect(
      parseEvent(xmlOf({ ...common, InfoType: "unauthorized", AuthorizerAppid: "wx1111222233334444" })),
    ).toMatchObject({ InfoType: "unauthorized", AuthorizerAppid: "wx1111222233334444" });
    expect(parseEvent(xmlOf({ ...common, InfoType: "notify_third_fasteregister" }))).toEqual({
      InfoType: "other",
      AppId: TEST_PLATFORM.componentAppid,
    });
  });

  it("keeps CDATA text exactly, markup-looking characters included", () => {
    expect(parseEnvelope(xmlOf({ AppId: "wx1", Encrypt: "a<b>&c]]>d" })).encrypted).toBe("a<b>&c]]>d");
  });

  it("refuses what is not XML, a repeated or missing field, and an event missing what its type needs", () => {
    expect(reasonOf(() => parseEnvelope("not xml at all <"))).toBe("malformed-xml");
    expect(reasonOf(() => parseEnvelope("<xml><AppId>wx1</AppId><Encrypt>x</Encrypt>"))).toBe(
      "malformed-xml",
    );
    expect(reasonOf(() => parseEnvelope("<xml><AppId>wx1</AppId></xml>"))).toBe("unexpected-shape");
    expect(
      reasonOf(() => parseEnvelope("<xml><AppId>wx1</AppId><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>")),
    ).toBe("unexpected-shape");
    expect(reasonOf(() => parseEnvelope("<other><AppId>wx1</AppId><Encrypt>a</Encrypt></other>"))).toBe(
      "unexpected-shape",
    );
    expect(
      reasonOf(() => parseEvent(xmlOf({ AppId: "wx1", CreateTime: 1, InfoType: "component_verify_ticket" }))),
    ).toBe("unexpected-shape");
    expect(reasonOf(() => parseEvent(xmlOf({ AppId: "wx1", CreateTime: 1, InfoType: "authorized" })))).toBe(
      "unexpected-shape",
    );
    expect(reasonOf(() => parseEvent(xmlOf({ AppId: "wx1", CreateTime: "soon", InfoType: "x" })))).toBe(
      "unexpected-shape",
    );
  });

  it("refuses nested elements, which WeChat's flat documents never have", () => {
    expect(reasonOf(() => parseEnvelope("<xml><AppId><a>wx1</a></AppId><Encrypt>e</Encrypt></xml>"))).toBe(
      "unexpected-shape",
    );
  });

  it("refuses a DOCTYPE, whose entities it would otherwise have to expand", () => {
    const xml = `<!DOCTYPE xml [<!ENTITY big "${"x".repeat(100)}">]><xml><AppId>&big;</AppId><Encrypt>e</Encrypt></xml>`;
    expect(reasonOf(() => parseEnvelope(xml))).toBe("unexpected-shape");
  });
});
