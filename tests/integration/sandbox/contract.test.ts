import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  type AddTypeARequest,
  type AddTypeBRequest,
  type GetTypeBRequest,
  type PublishRequest,
  type RidGetRequest,
  okAnswer,
  ridAnswer,
  tokenAnswer,
  typeAListAnswer,
  typeBListAnswer,
  verificationFileAnswer,
} from "@/lib/wechat/types";
import { MINI_PROGRAM, RID_SUFFIX, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";

// The sandbox answers with what the product's client parses: the same schemas, so a field the client
// requires cannot go missing from the sandbox unnoticed.
const LINKED = "wx9999999999999999";

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM, { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] }] });
});

const expectParses = (
  schema: { safeParse: (value: unknown) => { success: boolean; error?: unknown } },
  answer: unknown,
) => {
  const parsed = schema.safeParse(answer);
  expect(parsed.error).toBeUndefined();
  expect(parsed.success).toBe(true);
};

describe("the sandbox's answers against the wire contract", () => {
  it("tokens", async () => {
    expectParses(tokenAnswer, await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret));
    expectParses(tokenAnswer, await sandbox.classicToken(SERVICE_ACCOUNT.appid, SERVICE_ACCOUNT.secret));
  });

  it("type-A rules: add, publish, list, download, and a rid look-up", async () => {
    const token = await sandbox.token(MINI_PROGRAM);
    const prefix = "https://a.example.com/contract/";
    const add = {
      prefix,
      permit_sub_rule: 1,
      path: "pages/index/index",
      open_version: 3,
      is_edit: 0,
    } satisfies AddTypeARequest;
    expectParses(okAnswer, await sandbox.call("qrcodejumpadd", token, add));
    expectParses(
      okAnswer,
      await sandbox.call("qrcodejumppublish", token, { prefix } satisfies PublishRequest),
    );
    const list = await sandbox.call("qrcodejumpget", token, {});
    expectParses(typeAListAnswer, list);
    expect(list.rule_list).toHaveLength(1);
    expectParses(verificationFileAnswer, await sandbox.call("qrcodejumpdownload", token, {}));

    const refused = await sandbox.call("qrcodejumpadd", token, add);
    const rid = RID_SUFFIX.exec(String(refused.errmsg))?.[1] ?? "";
    expectParses(ridAnswer, await sandbox.call("rid/get", token, { rid } satisfies RidGetRequest));
  });

  it("type-B rules: every kind of list", async () => {
    const token = await sandbox.token(SERVICE_ACCOUNT);
    const prefix = "http://weixin.qq.com/q/contract";
    const add = { prefix, appid: LINKED, path: "pages/index/index", is_edit: 0 } satisfies AddTypeBRequest;
    expectParses(okAnswer, await sandbox.call("qrcodejumpadd", token, add));
    const gets: GetTypeBRequest[] = [
      { appid: LINKED, get_type: 0 },
      { appid: LINKED, get_type: 1, prefix_list: [prefix] },
      { appid: LINKED, get_type: 2, page_num: 1, page_size: 200 },
    ];
    for (const body of gets) {
      const list = await sandbox.call("qrcodejumpget", token, body);
      expectParses(typeBListAnswer, list);
      expect(list.rule_list).toHaveLength(1);
    }
  });
});
