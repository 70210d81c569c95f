import { describe, expect, it } from "vitest";

import { classifyCapability } from "@/lib/accounts/capability";

describe("the capability check's verdict", () => {
  it("is ready when every probe answered and the feature is on", () => {
    expect(classifyCapability("miniprogram", [{ ok: true, featureOpen: true }, { ok: true }])).toEqual({
      status: "ready",
      errcode: null,
      missingSet: null,
    });
  });

  it("says the token is of the wrong kind on 48001, before looking at anything else", () => {
    expect(
      classifyCapability("miniprogram", [
        { ok: false, errcode: 48001 },
        { ok: false, errcode: 61007 },
      ]),
    ).toMatchObject({ status: "wrong-token", errcode: 48001 });
  });

  it("names the missing permission set on 61007: 18 for a Mini Program, 3 for a Service Account", () => {
    expect(classifyCapability("miniprogram", [{ ok: false, errcode: 61007 }])).toMatchObject({
      status: "missing-permission",
      missingSet: 18,
    });
    expect(classifyCapability("officialaccount", [{ ok: false, errcode: 61007 }])).toMatchObject({
      status: "missing-permission",
      missingSet: 3,
    });
  });

  it("tells personal Mini Programs, a switched-off feature, bad credentials and a missing whitelist apart", () => {
    expect(
      classifyCapability("miniprogram", [
        { ok: true, featureOpen: true },
        { ok: false, errcode: 85075 },
      ]),
    ).toMatchObject({ status: "personal" });
    expect(classifyCapability("officialaccount", [{ ok: true, featureOpen: false }])).toMatchObject({
      status: "feature-off",
    });
    expect(classifyCapability("miniprogram", [{ ok: false, errcode: 40125 }])).toMatchObject({
      status: "credentials",
    });
    expect(classifyCapability("miniprogram", [{ ok: false, errcode: 40164 }])).toMatchObject({
      status: "not-whitelisted",
    });
  });

  it("keeps any other errcode, or no answer, as an error with its code", () => {
    expect(classifyCapability("miniprogram", [{ ok: false, errcode: 886001 }])).toEqual({
      status: "error",
      errcode: 886001,
      missingSet: null,
    });
    expect(classifyCapability("miniprogram", [{ ok: false, errcode: null }])).toMatchObject({
      status: "error",
      errcode: null,
    });
  });
});
