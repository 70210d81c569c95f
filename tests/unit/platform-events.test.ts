import { describe, expect, it } from "vitest";

import {
  encryptedPayloadOf,
  eventXml,
  parsePlatformEvent,
  readXmlFields,
} from "@/lib/wechat/platform-events";

describe("the XML WeChat pushes to a platform", () => {
  it("reads WeChat's documented ticket example, plain text and CDATA alike", () => {
    const documented = `<xml>
<AppId>some_appid</AppId>
<CreateTime>1413192605</CreateTime>
<InfoType>component_verify_ticket</InfoType>
<ComponentVerifyTicket>some_verify_ticket</ComponentVerifyTicket>
</xml>`;
    expect(parsePlatformEvent(documented)).toEqual({
      AppId: "some_appid",
      CreateTime: 1413192605,
      InfoType: "component_verify_ticket",
      ComponentVerifyTicket: "some_verify_ticket",
    });
    const captured =
      "<xml><AppId><![CDATA[wx851e238de6d96eaa]]></AppId>\n<CreateTime>1573485628</CreateTime>\n<InfoType><![CDATA[authorized]]></InfoType><AuthorizerAppid><![CDATA[wx570bc396a51b8ff8]]></AuthorizerAppid><AuthorizationCode><![CDATA[queryauthcode@@@Xl2L]]></AuthorizationCode><AuthorizationCodeExpiredTime><![CDATA[1573489228]]></AuthorizationCodeExpiredTime><PreAuthCode><![CDATA[preauthcode@@@sHSg]]></PreAuthCode></xml>";
    expect(parsePlatformEvent(captured)).toMatchObject({
      InfoType: "authorized",
      AuthorizerAppid: "wx570bc396a51b8ff8",
      AuthorizationCode: "queryauthcode@@@Xl2L",
      AuthorizationCodeExpiredTime: 1573489228,
    });
  });

  it("round-trips any text, ]]> and markup included", () => {
    const value = "a]]>b<c>&d";
    const xml = eventXml({ AppId: "wx1", Note: value, CreateTime: 12 });
    expect(xml).toBe(
      "<xml><AppId><![CDATA[wx1]]></AppId><Note><![CDATA[a]]]]><![CDATA[>b<c>&d]]></Note><CreateTime>12</CreateTime></xml>",
    );
    expect(readXmlFields(xml)).toEqual({ AppId: "wx1", Note: value, CreateTime: "12" });
    expect(readXmlFields("<xml><A>x &amp; y</A></xml>")).toEqual({ A: "x & y" });
  });

  it("finds the envelope's Encrypt, and knows no other events", () => {
    expect(
      encryptedPayloadOf("<xml><AppId><![CDATA[wx1]]></AppId><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>"),
    ).toBe("abc+/=");
    expect(encryptedPayloadOf("<xml><AppId>wx1</AppId></xml>")).toBeNull();
    expect(
      parsePlatformEvent(eventXml({ AppId: "wx1", CreateTime: 1, InfoType: "notify_third_fasteregister" })),
    ).toBeNull();
    expect(parsePlatformEvent("not xml")).toBeNull();
  });
});
