import { describe, expect, it } from "vitest";

import { authorizationReturnSchema, platformSettingsSchema } from "@/lib/schemas/platform";
import { missingPermissions } from "@/lib/wechat/permission-sets";
import { TEST_PLATFORM } from "@/tests/support/platform";

const valid = {
  componentAppid: TEST_PLATFORM.componentAppid,
  secret: TEST_PLATFORM.secret,
  messageToken: TEST_PLATFORM.messageToken,
  encodingAesKey: TEST_PLATFORM.encodingAesKey,
};

const messagesOf = (input: unknown) => {
  const result = platformSettingsSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("platform settings schema", () => {
  it("takes WeChat's shapes, trimmed, and empty secrets as 'keep the stored one'", () => {
    expect(platformSettingsSchema.parse({ ...valid, componentAppid: ` ${valid.componentAppid} ` })).toEqual(
      valid,
    );
    expect(
      platformSettingsSchema.parse({
        componentAppid: valid.componentAppid,
        secret: "",
        messageToken: "",
        encodingAesKey: "",
      }),
    ).toMatchObject({ secret: "", messageToken: "", encodingAesKey: "" });
  });

  it("names each field that has the wrong form", () => {
    expect(
      messagesOf({
        componentAppid: "wx123",
        secret: "short",
        messageToken: "a b",
        encodingAesKey: "x".repeat(42),
      }),
    ).toEqual({
      componentAppid: "platform.appid",
      secret: "platform.secret",
      messageToken: "platform.messageToken",
      encodingAesKey: "platform.encodingAesKey",
    });
    expect(messagesOf({ ...valid, encodingAesKey: `${"a".repeat(42)}+` })).toEqual({
      encodingAesKey: "platform.encodingAesKey",
    });
  });

  it("reads the redirect back's query", () => {
    expect(
      authorizationReturnSchema.safeParse({
        state: "s".repeat(32),
        auth_code: "queryauthcode@@@x",
        expires_in: "3600",
      }).success,
    ).toBe(true);
    expect(authorizationReturnSchema.safeParse({ state: "short", auth_code: "x" }).success).toBe(false);
    expect(authorizationReturnSchema.safeParse({ state: "s".repeat(32) }).success).toBe(false);
  });
});

describe("permission sets", () => {
  it("names what each kind of account misses for which feature", () => {
    expect(missingPermissions("miniprogram", [18])).toEqual([]);
    expect(missingPermissions("miniprogram", [3, 33])).toEqual([{ feature: "typeARules", set: 18 }]);
    expect(missingPermissions("officialaccount", [3])).toEqual([{ feature: "linkMiniPrograms", set: 33 }]);
    expect(missingPermissions("officialaccount", [])).toEqual([
      { feature: "typeBRules", set: 3 },
      { feature: "linkMiniPrograms", set: 33 },
    ]);
  });
});
