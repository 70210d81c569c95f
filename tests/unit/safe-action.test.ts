import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";

const en = MESSAGES.en;
const zh = MESSAGES["zh-CN"];
import type { CurrentOperator } from "@/server/auth/session";
import { ActionFailure, createAuthAction } from "@/server/actions/safe-action";

// The wrapper runs for real; only the request (session cookie, Accept-Language),
// which exists inside Next.js alone, is supplied by the test.
function wrapperFor(operator: CurrentOperator | null, messages: typeof en = en) {
  const locale = messages === en ? "en" : "zh-CN";
  const errors = createTranslator({ locale, messages, namespace: "actionErrors" });
  const validation = createTranslator({ locale, messages, namespace: "validation" });
  return createAuthAction({
    currentOperator: async () => operator,
    context: async (who) => ({ operator: who }),
    translators: async () => ({
      errors: (key) => errors(key as never),
      validation: { has: (key) => validation.has(key as never), t: (key) => validation(key as never) },
    }),
  });
}

const viewer: CurrentOperator = { id: "v", email: "v@x.co", name: "V", role: "viewer" };
const admin: CurrentOperator = { id: "a", email: "a@x.co", name: "A", role: "admin" };
const schema = z.object({ days: z.number().min(7, "retentionRange") });

describe("authAction", () => {
  it("refuses a caller without a session before running anything", async () => {
    const handler = vi.fn(async () => "done");
    const action = wrapperFor(null)({ role: "viewer", schema, name: "test" }, handler);
    expect(await action({ days: 30 })).toEqual({
      ok: false,
      error: { code: "UNAUTHENTICATED", message: en.actionErrors.unauthenticated },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a role below the one required, even with invalid input", async () => {
    const handler = vi.fn(async () => "done");
    const action = wrapperFor(viewer)({ role: "operator", schema, name: "test" }, handler);
    expect(await action({ days: -1 })).toEqual({
      ok: false,
      error: { code: "FORBIDDEN", message: en.actionErrors.forbidden },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("puts validation errors on their fields, in the operator's language", async () => {
    const handler = vi.fn(async () => "done");
    const action = wrapperFor(admin, zh as typeof en)({ role: "admin", schema, name: "test" }, handler);
    expect(await action({ days: 3 })).toEqual({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        message: zh.actionErrors.invalidInput,
        fieldErrors: { days: [zh.validation.retentionRange] },
      },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes the parsed input and the operator to the handler", async () => {
    const action = wrapperFor(admin)(
      { role: "operator", schema, name: "test" },
      async (input, { operator }) => ({
        doubled: input.days * 2,
        by: operator.id,
      }),
    );
    expect(await action({ days: 10 })).toEqual({ ok: true, data: { doubled: 20, by: "a" } });
  });

  it("turns an ActionFailure into its error and anything else into a generic one", async () => {
    const wrap = wrapperFor(admin);
    const known = wrap({ role: "admin", schema, name: "test" }, async () => {
      throw new ActionFailure({ code: "CONFLICT", message: "exists" });
    });
    expect(await known({ days: 10 })).toEqual({ ok: false, error: { code: "CONFLICT", message: "exists" } });

    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const unknown = wrap({ role: "admin", schema, name: "test" }, async () => {
      throw new Error("database exploded at 10.0.0.5");
    });
    const result = await unknown({ days: 10 });
    expect(result).toEqual({ ok: false, error: { code: "INTERNAL", message: en.actionErrors.internal } });
    expect(JSON.stringify(result)).not.toContain("10.0.0.5");
    spy.mockRestore();
  });
});
